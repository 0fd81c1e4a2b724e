/**
 * Optimizers for stochastic variational inference: {@link io.pplj.infer.optim.Optimizer} and its implementations,
 * with per-parameter state kept by parameter name, learning-rate schedules and gradient clipping.
 */
package io.pplj.infer.optim;
