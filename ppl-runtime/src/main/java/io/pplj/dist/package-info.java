/**
 * Probability distributions with PyTorch/Pyro semantics: batch and event shapes, {@code sample} and
 * reparameterized {@code rsample}, {@code logProb}, moments and entropy, {@code expand}, {@code toEvent} and
 * {@code mask}; the wrappers {@link io.pplj.dist.Independent}, {@link io.pplj.dist.TransformedDistribution},
 * {@link io.pplj.dist.MaskedDistribution} and {@link io.pplj.dist.ExpandedDistribution}; {@link
 * io.pplj.dist.Constraint}s with {@link io.pplj.dist.Transforms#bijectTo}; {@link io.pplj.dist.Transform}s with
 * log-determinants; and analytic KL divergences ({@link io.pplj.dist.KL}). Distributions compute only through
 * {@link io.pplj.tensor.Tensor} operations, so they run on any backend and their parameters receive gradients.
 */
package io.pplj.dist;
