/**
 * Tensors and reverse-mode automatic differentiation: the one numeric type of PPL-J.
 *
 * <p>{@link io.pplj.tensor.Tensor} is an immutable n-dimensional array (float32, float64, int64, bool) with NumPy
 * broadcasting and define-by-run autodiff; {@link io.pplj.tensor.Grad} computes gradients and scopes recording;
 * {@link io.pplj.tensor.Rng} is the seedable counter-based generator whose samplers run on the backend;
 * {@link io.pplj.tensor.Backend} is the kernel interface a device implements, with
 * {@link io.pplj.tensor.cpu.CpuBackend} the default. Every operation's backward pass is written with other tensor
 * operations, so gradients of gradients work and a backend only supplies kernels.
 */
package io.pplj.tensor;
