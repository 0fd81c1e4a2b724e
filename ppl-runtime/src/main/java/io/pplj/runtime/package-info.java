/**
 * The effect-handler runtime: the primitives of {@link io.pplj.runtime.Ppl} ({@code sample}, {@code observe},
 * {@code param}, {@code plate}, {@code factor}, {@code deterministic}, {@code module});
 * {@link io.pplj.runtime.Message}s sent through the current thread's stack of {@link io.pplj.runtime.Messenger}s;
 * the handlers of {@link io.pplj.runtime.Handlers}
 * (trace, replay, condition, block, scale, mask, seed, substitute, lift, ...); {@link io.pplj.runtime.Plate}s with
 * Pyro's dimension allocation and subsampling; {@link io.pplj.runtime.Trace}s of runs; and the scoped
 * {@link io.pplj.runtime.ParamStore}.
 *
 * <p>The only mutable global state is per thread: the handler stack with its plate dimensions, and the current
 * parameter store (which {@link io.pplj.runtime.ParamStore#open()} scopes).
 */
package io.pplj.runtime;
