package io.pplj.tensor.cpu;

import io.pplj.tensor.Philox;
import io.pplj.tensor.RandomStream;

/**
 * Random variates from Philox blocks. Every element draws its own blocks {@code (stream, element, 0), (stream,
 * element, 1), ...} through a {@link Draws} cursor (uniforms, normals for pairs of elements), so samples do not depend
 * on how work is split between threads.
 *
 * <ul>
 *   <li>normal: Box–Muller on one block per pair of elements;</li>
 *   <li>gamma: Marsaglia and Tsang (2000), {@code d = a - 1/3}, {@code c = 1/sqrt(9d)}, with the boost
 *       {@code Gamma(a) = Gamma(a + 1) U^(1/a)} for {@code a < 1};</li>
 *   <li>beta: from the logarithms of two gamma variates;</li>
 *   <li>Poisson: multiplication of uniforms for rates below 10, Hörmann's transformed rejection (PTRS, 1993)
 *       above;</li>
 *   <li>binomial: inversion when {@code n min(p, 1-p) < 10}, Hörmann's BTRS (1993) above;</li>
 *   <li>categorical: inversion of the cumulative weights of each row.</li>
 * </ul>
 */
final class Samplers {

    private Samplers() {
    }

    /** Uniforms and normals for one element, consuming its Philox blocks in order. */
    static final class Draws {
        private final RandomStream stream;
        private final int[] words = new int[4];
        private int element;
        private int block;
        private int used;

        Draws(RandomStream stream) {
            this.stream = stream;
        }

        /** Starts the draws of another element. */
        Draws element(int e) {
            element = e;
            block = 0;
            used = 4;
            return this;
        }

        /** A double uniform in the open interval (0, 1). */
        double uniform() {
            if (used > 2) {
                Philox.block(stream, element, block++, words);
                used = 0;
            }
            double u = Philox.toOpenUnitDouble(words[used], words[used + 1]);
            used += 2;
            return u;
        }

        /** A standard normal (Box–Muller, one of the pair). */
        double normal() {
            double r = Math.sqrt(-2.0 * Math.log(uniform()));
            return r * Math.cos(2.0 * Math.PI * uniform());
        }
    }

    static void uniformF32(RandomStream s, float[] o, int from, int to) {
        int[] w = new int[4];
        for (int i = from; i < to; i++) {
            if (i == from || (i & 3) == 0) {
                Philox.block(s, i >>> 2, 0, w);
            }
            o[i] = (float) Philox.toUnitFloat(w[i & 3]);
        }
    }

    static void uniformF64(RandomStream s, double[] o, int from, int to) {
        int[] w = new int[4];
        for (int i = from; i < to; i++) {
            if (i == from || (i & 1) == 0) {
                Philox.block(s, i >>> 1, 0, w);
            }
            int k = (i & 1) * 2;
            o[i] = Philox.toUnitDouble(w[k], w[k + 1]);
        }
    }

    /**
     * Standard normals: elements 2j and 2j+1 are the cosine and sine halves of one Box–Muller pair, computed once
     * for both (a range may start or end in the middle of a pair; its other half is then not written).
     */
    static void normal(RandomStream s, double[] o, int from, int to) {
        int[] w = new int[4];
        for (int pair = from >>> 1; 2L * pair < to; pair++) {
            Philox.block(s, pair, 0, w);
            double r = Math.sqrt(-2.0 * Math.log(Philox.toOpenUnitDouble(w[0], w[1])));
            double theta = 2.0 * Math.PI * Philox.toUnitDouble(w[2], w[3]);
            int even = 2 * pair;
            if (even >= from) {
                o[even] = r * Math.cos(theta);
            }
            if (even + 1 < to) {
                o[even + 1] = r * Math.sin(theta);
            }
        }
    }

    /** A standard gamma variate with shape {@code a} (NaN for a <= 0 or NaN). */
    static double gamma(Draws d, double a) {
        if (!(a > 0.0)) {
            return Double.NaN;
        }
        if (a < 1.0) {
            double boost = Math.pow(d.uniform(), 1.0 / a);
            return gammaAtLeastOne(d, a + 1.0) * boost;
        }
        return gammaAtLeastOne(d, a);
    }

    /**
     * A beta variate {@code X / (X + Y)} as {@code sigmoid(log X - log Y)}, the logarithms drawn directly (for shape
     * below 1, {@code log Gamma(a) = log Gamma(a + 1) + log(U) / a}) so nothing underflows.
     */
    static double beta(Draws d, double a, double b) {
        if (!(a > 0.0) || !(b > 0.0)) {
            return Double.NaN;
        }
        double diff = logGamma(d, a) - logGamma(d, b);
        return diff >= 0 ? 1.0 / (1.0 + Math.exp(-diff)) : Math.exp(diff) / (1.0 + Math.exp(diff));
    }

    private static double logGamma(Draws d, double a) {
        if (a < 1.0) {
            double logBoost = Math.log(d.uniform()) / a;
            return Math.log(gammaAtLeastOne(d, a + 1.0)) + logBoost;
        }
        return Math.log(gammaAtLeastOne(d, a));
    }

    private static double gammaAtLeastOne(Draws d, double a) {
        double dd = a - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * dd);
        while (true) {
            double x;
            double v;
            do {
                x = d.normal();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            double u = d.uniform();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + dd * (1.0 - v + Math.log(v))) {
                return dd * v;
            }
        }
    }

    /** A Poisson variate with mean {@code lambda} (NaN for negative or NaN rates). */
    static double poisson(Draws d, double lambda) {
        if (!(lambda >= 0.0)) {
            return Double.NaN;
        }
        if (lambda == 0.0) {
            return 0.0;
        }
        if (lambda < 10.0) {
            double limit = Math.exp(-lambda);
            double prod = d.uniform();
            int k = 0;
            while (prod > limit) {
                prod *= d.uniform();
                k++;
            }
            return k;
        }
        return poissonPtrs(d, lambda);
    }

    private static double poissonPtrs(Draws d, double lambda) {
        double slam = Math.sqrt(lambda);
        double loglam = Math.log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2.0);
        while (true) {
            double u = d.uniform() - 0.5;
            double v = d.uniform();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2.0 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
                    <= -lambda + k * loglam - Special.lgamma(k + 1.0)) {
                return k;
            }
        }
    }

    /** A binomial variate with {@code n} trials of probability {@code p} (NaN for invalid parameters). */
    static double binomial(Draws d, double n, double p) {
        if (!(n >= 0.0) || n != Math.rint(n) || !(p >= 0.0 && p <= 1.0)) {
            return Double.NaN;
        }
        if (p > 0.5) {
            return n - binomial(d, n, 1.0 - p);
        }
        if (n == 0.0 || p == 0.0) {
            return 0.0;
        }
        return n * p < 10.0 ? binomialInversion(d, n, p) : binomialBtrs(d, n, p);
    }

    private static double binomialInversion(Draws d, double n, double p) {
        double q = 1.0 - p;
        double s = p / q;
        double a = (n + 1.0) * s;
        while (true) {
            double r = Math.pow(q, n);
            double u = d.uniform();
            double x = 0.0;
            while (u > r && x < n) {
                u -= r;
                x += 1.0;
                r *= a / x - s;
            }
            if (u <= r) {
                return x;
            }
        }
    }

    private static double binomialBtrs(Draws d, double n, double p) {
        double q = 1.0 - p;
        double spq = Math.sqrt(n * p * q);
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        double alpha = (2.83 + 5.1 / b) * spq;
        double lpq = Math.log(p / q);
        double m = Math.floor((n + 1.0) * p);
        double h = Special.lgamma(m + 1.0) + Special.lgamma(n - m + 1.0);
        while (true) {
            double u = d.uniform() - 0.5;
            double v = d.uniform();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2.0 * a / us + b) * u + c);
            if (k < 0 || k > n) {
                continue;
            }
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            double lv = Math.log(v * alpha / (a / (us * us) + b));
            if (lv <= h - Special.lgamma(k + 1.0) - Special.lgamma(n - k + 1.0) + (k - m) * lpq) {
                return k;
            }
        }
    }

    /** A uniform permutation of {@code 0 .. n-1} by the Fisher–Yates shuffle, from one element's draws. */
    static long[] permutation(Draws d, int n) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) (d.uniform() * (i + 1));
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Inverse-CDF draw of a category from unnormalised non-negative weights {@code w[off .. off+k)}. */
    static long categorical(Draws d, double[] w, int off, int k) {
        double total = 0.0;
        for (int j = 0; j < k; j++) {
            total += w[off + j];
        }
        double target = d.uniform() * total;
        double acc = 0.0;
        int last = 0;
        for (int j = 0; j < k; j++) {
            if (w[off + j] > 0.0) {
                last = j;
                acc += w[off + j];
                if (target < acc) {
                    return j;
                }
            }
        }
        return last;
    }
}
