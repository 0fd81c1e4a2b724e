package io.pplj.infer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;

/**
 * Generated {@link Conjugate} cases for the properties: a test class implements this interface and takes
 * {@code @ForAll("normalNormal") Conjugate c}. Hyperparameters: Normal prior mean in [-3, 3], sd in [0.5, 5],
 * likelihood sd in [0.5, 2]; Beta concentrations in [0.5, 5]; Gamma shape in [1, 5], rate in [0.5, 3]. Observations:
 * 3 to 10 (Beta-Bernoulli 5 to 20); the {@code small...} cases have 2 to 5.
 */
interface ConjugateCases {

    @Provide
    default Arbitrary<Conjugate> normalNormal() {
        return normalNormal(3, 10);
    }

    @Provide
    default Arbitrary<Conjugate> betaBernoulli() {
        return betaBernoulli(5, 20);
    }

    @Provide
    default Arbitrary<Conjugate> gammaPoisson() {
        return gammaPoisson(3, 10);
    }

    @Provide
    default Arbitrary<Conjugate> gammaExponential() {
        return gammaExponential(3, 10);
    }

    @Provide
    default Arbitrary<Conjugate> smallNormalNormal() {
        return normalNormal(2, 5);
    }

    @Provide
    default Arbitrary<Conjugate> smallBetaBernoulli() {
        return betaBernoulli(2, 5);
    }

    @Provide
    default Arbitrary<Conjugate> smallGammaPoisson() {
        return gammaPoisson(2, 5);
    }

    @Provide
    default Arbitrary<Conjugate> smallGammaExponential() {
        return gammaExponential(2, 5);
    }

    static Arbitrary<Conjugate> normalNormal(int minN, int maxN) {
        return Combinators.combine(between(-3, 3), between(0.5, 5), between(0.5, 2), observations(minN, maxN))
                .as(Conjugate::normalNormal);
    }

    static Arbitrary<Conjugate> betaBernoulli(int minN, int maxN) {
        return Combinators.combine(between(0.5, 5), between(0.5, 5), observations(minN, maxN))
                .as(Conjugate::betaBernoulli);
    }

    static Arbitrary<Conjugate> gammaPoisson(int minN, int maxN) {
        return Combinators.combine(between(1, 5), between(0.5, 3), observations(minN, maxN))
                .as(Conjugate::gammaPoisson);
    }

    static Arbitrary<Conjugate> gammaExponential(int minN, int maxN) {
        return Combinators.combine(between(1, 5), between(0.5, 3), observations(minN, maxN))
                .as(Conjugate::gammaExponential);
    }

    private static Arbitrary<Double> between(double min, double max) {
        return Arbitraries.doubles().between(min, max).ofScale(2);
    }

    private static Arbitrary<Integer> observations(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }
}
