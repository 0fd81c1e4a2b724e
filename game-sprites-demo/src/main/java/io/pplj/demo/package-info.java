/**
 * Runnable programs: the quick start that trains a small model with PPL-J's tensors and autodiff, and (with its own
 * issue) the causal sprite-fight demo in {@code io.pplj.demo.sprites}.
 */
package io.pplj.demo;
