package io.pplj.tensor;

/**
 * One reservation of random bits from an {@link Rng}: a Philox key and a stream counter. A backend's sampler derives
 * every element's bits from it through {@link Philox#block(RandomStream, int, int, int[])}, so equal streams give
 * equal samples on the same backend.
 *
 * @param key the 64-bit Philox key (the generator's seed, mixed)
 * @param counter the stream counter, distinct for every reservation from one generator
 */
public record RandomStream(long key, long counter) {
}
