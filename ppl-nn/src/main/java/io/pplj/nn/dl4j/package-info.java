/**
 * The Deeplearning4j bridge, in both directions: {@link io.pplj.nn.dl4j.Dl4jModule} wraps a DL4J
 * {@code MultiLayerNetwork} as a differentiable module (forward and backward through DL4J, parameters trained by
 * PPL-J's optimizers), and {@link io.pplj.nn.dl4j.Dl4jImport} builds native PPL-J modules from a DL4J
 * {@code MultiLayerConfiguration} (optionally with a network's trained weights). Each class documents what it
 * supports; anything else raises an {@link java.lang.IllegalArgumentException} naming the layer and the option.
 */
package io.pplj.nn.dl4j;
