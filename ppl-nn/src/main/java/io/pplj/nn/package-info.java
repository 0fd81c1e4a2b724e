/**
 * Neural modules for guides and decoders (arriving with the neural-network issue): {@code Module} with named
 * parameters that register in the runtime's parameter store, layers, initializers and the Deeplearning4j bridge.
 */
package io.pplj.nn;
