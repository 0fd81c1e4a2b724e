/**
 * Inference algorithms built on the runtime's effect handlers: stochastic variational inference with the ELBO family,
 * importance sampling and posterior predictive sampling (arriving with the inference issue), later MCMC and
 * enumeration. Optimizers live in {@code io.pplj.infer.optim}, automatic guides in {@code io.pplj.infer.autoguide}.
 */
package io.pplj.infer;
