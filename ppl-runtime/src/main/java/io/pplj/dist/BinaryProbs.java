package io.pplj.dist;

import io.pplj.tensor.Tensor;

/**
 * The success probability of the binary families (Bernoulli, Binomial, Geometric, NegativeBinomial,
 * RelaxedBernoulli), held as given, probabilities {@code p} or logits {@code l = log p - log(1 - p)}, so that every
 * derived quantity is computed from the given form without a lossy round trip: {@code log p} is
 * {@code logsigmoid(l)} for logits and {@code log(p)} for probabilities, {@code log(1 - p)} is {@code logsigmoid(-l)}
 * or {@code log1p(-p)}. Nothing is cached, so results always carry the gradient mode of the caller.
 */
final class BinaryProbs {

    private final Tensor value;
    private final boolean isLogits;

    private BinaryProbs(Tensor value, boolean isLogits) {
        this.value = value;
        this.isLogits = isLogits;
    }

    static BinaryProbs ofProbs(Tensor probs) {
        return new BinaryProbs(probs, false);
    }

    static BinaryProbs ofLogits(Tensor logits) {
        return new BinaryProbs(logits, true);
    }

    /** The tensor as given. */
    Tensor raw() {
        return value;
    }

    boolean isLogits() {
        return isLogits;
    }

    /** The same parameter broadcast to {@code shape}. */
    BinaryProbs expand(int[] shape) {
        return new BinaryProbs(value.expand(shape), isLogits);
    }

    /** {@code p}: the probabilities, or {@code sigmoid(l)}. */
    Tensor probs() {
        return isLogits ? value.sigmoid() : value;
    }

    /** {@code 1 - p}, computed as {@code sigmoid(-l)} from logits (accurate when p is close to 1). */
    Tensor probs1m() {
        return isLogits ? value.neg().sigmoid() : value.rsub(1.0);
    }

    /** {@code l = log p - log(1 - p)}: the logits, or {@code +-inf} from probabilities 1 and 0. */
    Tensor logits() {
        return isLogits ? value : Discrete.safeLog(value).sub(Discrete.safeLog1m(value));
    }

    /** {@code log p}. */
    Tensor logP() {
        return isLogits ? value.logsigmoid() : Discrete.safeLog(value);
    }

    /** {@code log(1 - p)}. */
    Tensor log1mP() {
        return isLogits ? value.neg().logsigmoid() : Discrete.safeLog1m(value);
    }

    /** {@code a log p + b log(1 - p)}, with {@code 0 log 0 = 0} in both terms. */
    Tensor logMass(Tensor a, Tensor b) {
        if (!isLogits) {
            return a.xlogy(value).add(b.xlog1py(value.neg()));
        }
        return Discrete.weighted(a, logP()).add(Discrete.weighted(b, log1mP()));
    }

    /**
     * {@code x log p + (1 - x) log(1 - p)} with {@code 0 log 0 = 0}: the Bernoulli log-mass of {@code x}, in one
     * fused operation from probabilities ({@link Tensor#binaryLogLikelihood}).
     */
    Tensor logMassOf(Tensor x) {
        return isLogits ? logMass(x, x.rsub(1.0)) : value.binaryLogLikelihood(x);
    }

    /** {@code -(p log p + (1 - p) log(1 - p))}: the Bernoulli entropy. */
    Tensor bernoulliEntropy() {
        return logMass(probs(), probs1m()).neg();
    }
}
