package io.pplj.tensor;

/**
 * A seedable, splittable random generator owned by the runtime: a Philox4x32-10 key plus a stream counter
 * ({@link Philox}). Each sampling call reserves the next stream; element {@code i} of its result uses only the bits
 * addressed by {@code (stream, i)}, so results are reproducible whatever the backend's threading.
 *
 * <p>Every thread has a current generator ({@link #current()}), seeded randomly until {@link #seed(long)} or
 * {@link #use(Rng)} fixes it. The same seed gives the same numbers on the same backend.
 *
 * <pre>{@code
 * Rng.seed(42);
 * Tensor z = Tensor.randn(3, 2);                  // from the current generator
 * Rng rng = Rng.of(7);
 * Tensor g = rng.gamma(Tensor.of(0.5, 2.0));      // an explicit generator
 * }</pre>
 *
 * <p>An {@code Rng} is not thread-safe: give each thread its own ({@link #split()}).
 */
public final class Rng {

    private static final PerThread<Rng> CURRENT = new PerThread<>(
            () -> new Rng(mix(System.nanoTime() ^ Thread.currentThread().getId() * 0x9E3779B97F4A7C15L)));

    private final long key;
    private long counter;

    private Rng(long key) {
        this.key = key;
    }

    /** A generator for {@code seed}. */
    public static Rng of(long seed) {
        return new Rng(mix(seed));
    }

    /** This thread's current generator. */
    public static Rng current() {
        return CURRENT.get();
    }

    /** Replaces this thread's current generator with one seeded by {@code seed}. */
    public static void seed(long seed) {
        CURRENT.set(of(seed));
    }

    /** Makes {@code rng} this thread's current generator until the returned scope is closed. */
    public static ThreadScope use(Rng rng) {
        return CURRENT.scoped(rng);
    }

    /** A new independent generator derived from this one (and advancing it). */
    public Rng split() {
        return new Rng(mix(key ^ mix(counter++ + 0x632BE59BD9B4E019L)));
    }

    /** Reserves the next stream of random bits, for backends' samplers. */
    public RandomStream nextStream() {
        return new RandomStream(key, counter++);
    }

    /** One uniform double on [0, 1). */
    public double nextDouble() {
        int[] w = new int[4];
        Philox.block(nextStream(), 0, 0, w);
        return Philox.toUnitDouble(w[0], w[1]);
    }

    /** One uniform long. */
    public long nextLong() {
        int[] w = new int[4];
        Philox.block(nextStream(), 0, 0, w);
        return ((long) w[0] << 32) | (w[1] & 0xFFFFFFFFL);
    }

    /** One uniform integer on [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound " + bound + " must be positive");
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    // ---- tensor samplers --------------------------------------------------------------------------------------

    /** Float32 uniforms on [0, 1). */
    public Tensor uniform(int... shape) {
        return uniform(DType.DEFAULT_FLOAT, shape);
    }

    /** Uniforms on [0, 1) of a floating type. */
    public Tensor uniform(DType dtype, int... shape) {
        int[] s = Shapes.checked("uniform", shape);
        return new Tensor(Backends.current().uniform(nextStream(), Shapes.numel(s), floating("uniform", dtype)), s);
    }

    /** Float32 standard normals. */
    public Tensor normal(int... shape) {
        return normal(DType.DEFAULT_FLOAT, shape);
    }

    /** Standard normals of a floating type. */
    public Tensor normal(DType dtype, int... shape) {
        int[] s = Shapes.checked("normal", shape);
        return new Tensor(Backends.current().normal(nextStream(), Shapes.numel(s), floating("normal", dtype)), s);
    }

    /**
     * Standard gamma variates {@code Gamma(alpha, 1)}, one per element of {@code alpha} (Marsaglia–Tsang, boosted
     * for alpha below 1), differentiable in alpha by implicit reparameterization: the gradient of a draw x is
     * {@code dx/dalpha = -(dF(x; alpha)/dalpha) / f(x; alpha)}, the change of x that keeps its CDF value fixed
     * (Figurnov, Mohamed and Mnih, 2018).
     */
    public Tensor gamma(Tensor alpha) {
        Tensor a = alpha.dtype().isFloating() ? alpha : alpha.asType(DType.DEFAULT_FLOAT);
        Tensor x = new Tensor(a.backend().gamma(nextStream(), a.storage), a.shape);
        if (Autograd.recording(a)) {
            Autograd.attach(x, "gamma", g -> new Tensor[] {
                g.mul(new Tensor(a.backend().standardGammaGrad(x.storage, a.storage), a.shape))}, a);
        }
        return x;
    }

    /**
     * Beta variates {@code X / (X + Y)} with {@code X ~ Gamma(a), Y ~ Gamma(b)}, broadcasting a and b; computed from
     * the gammas' logarithms so that shapes far below 1 (whose gamma draws underflow) still give values in [0, 1].
     */
    public Tensor beta(Tensor a, Tensor b) {
        int[] shape = Shapes.broadcast("beta", a.shape, b.shape);
        DType t = DType.promote(a.dtype(), b.dtype()).toFloating();
        Tensor ae = detached(a.asType(t)).expand(shape);
        Tensor be = detached(b.asType(t)).expand(shape);
        return new Tensor(ae.backend().beta(nextStream(), ae.storage, be.storage), shape);
    }

    /** Poisson variates with the given rates, in the rates' floating type. */
    public Tensor poisson(Tensor rate) {
        Tensor r = parameter("poisson", rate);
        return new Tensor(r.backend().poisson(nextStream(), r.storage), r.shape);
    }

    /** Binomial variates, broadcasting counts and probabilities; in their floating type. */
    public Tensor binomial(Tensor totalCount, Tensor probs) {
        int[] shape = Shapes.broadcast("binomial", totalCount.shape, probs.shape);
        DType t = DType.promote(totalCount.dtype(), probs.dtype()).toFloating();
        Tensor n = detached(totalCount.asType(t)).expand(shape);
        Tensor p = detached(probs.asType(t)).expand(shape);
        return new Tensor(p.backend().binomial(nextStream(), n.storage, p.storage), shape);
    }

    /** Bernoulli variates (0 or 1) with the given probabilities, in their floating type. */
    public Tensor bernoulli(Tensor probs) {
        Tensor p = parameter("bernoulli", probs);
        return new Tensor(p.backend().bernoulli(nextStream(), p.storage), p.shape);
    }

    /**
     * Int64 category indices, one per row: the last dimension of {@code probs} holds (unnormalised, non-negative)
     * category weights, the result has the other dimensions.
     */
    public Tensor categorical(Tensor probs) {
        if (probs.dim() == 0) {
            throw new IllegalArgumentException("categorical: probs need at least one dimension (the categories)");
        }
        Tensor p = parameter("categorical", probs);
        int k = p.shape[p.dim() - 1];
        if (k == 0) {
            throw new IllegalArgumentException("categorical: probs of shape " + Shapes.format(p.shape)
                    + " have no categories (last dimension 0)");
        }
        int rows = p.numel() / k;
        int[] shape = java.util.Arrays.copyOf(p.shape, p.dim() - 1);
        return new Tensor(p.backend().categorical(nextStream(), p.storage, rows, k), shape);
    }

    /** A uniformly random permutation of {@code 0 .. n-1}, as an int64 vector (Fisher–Yates). */
    public Tensor permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n = " + n + " is negative");
        }
        return new Tensor(Backends.current().permutation(nextStream(), n), new int[] {n});
    }

    private static Tensor parameter(String op, Tensor t) {
        return detached(t.dtype().isFloating() ? t : t.asType(DType.DEFAULT_FLOAT));
    }

    private static Tensor detached(Tensor t) {
        return t.detach();
    }

    private static DType floating(String op, DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException(op + ": dtype must be floating, got " + dtype);
        }
        return dtype;
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
