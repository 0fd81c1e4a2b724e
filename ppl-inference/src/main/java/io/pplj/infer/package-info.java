/**
 * Inference on PPL-J models: stochastic variational inference ({@link io.pplj.infer.SVI}) with the ELBO estimators
 * ({@link io.pplj.infer.TraceElbo}, ...), importance sampling and posterior predictive sampling; optimizers in
 * {@code io.pplj.infer.optim}, automatic guides in {@code io.pplj.infer.autoguide}.
 */
package io.pplj.infer;
