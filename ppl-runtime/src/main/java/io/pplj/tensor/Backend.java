package io.pplj.tensor;

/**
 * The arithmetic behind {@link Tensor}: a backend owns {@link Storage}s and runs kernels on them. {@code Tensor}
 * does shapes, broadcasting plans, type promotion and the autodiff graph; it calls a backend only with operands of one
 * backend, already converted to one element type. Every differentiable operation's backward pass is written with other
 * tensor operations, so a new backend (the CUDA one, say) implements these kernels and nothing else.
 *
 * <p>Storages are dense and row-major. Kernels never modify their inputs; each returns a new storage. Index kernels
 * validate indices and throw {@link IndexOutOfBoundsException} naming the operation, the index, the dimension and
 * its size.
 *
 * <p>The neural-network kernels (convolution and its two adjoints, pooling) have default implementations that throw
 * {@link UnsupportedOperationException}, so a backend that lacks them keeps working for everything else.
 * The fused optimizer kernel ({@link #adam}) has a default composed of the other kernels, so it is an optimization
 * a backend may make, never a requirement.
 */
public interface Backend {

    /** A short name for messages, such as {@code "cpu"}. */
    String name();

    // ---- storage ----------------------------------------------------------------------------------------------

    /** A storage of {@code size} zeros (false for BOOL). */
    Storage zeros(DType dtype, int size);

    /** A storage of {@code size} copies of {@code value}, converted to {@code dtype}. */
    Storage full(DType dtype, int size, double value);

    /** A storage holding {@code values} converted to {@code dtype}. */
    Storage fromDoubles(double[] values, DType dtype);

    /** A FLOAT32 storage holding a copy of {@code values}. */
    Storage fromFloats(float[] values);

    /** An INT64 storage holding a copy of {@code values}. */
    Storage fromLongs(long[] values);

    /** A BOOL storage holding a copy of {@code values}. */
    Storage fromBooleans(boolean[] values);

    /** The elements as doubles (booleans as 0 and 1). */
    double[] toDoubles(Storage s);

    /** The elements as floats. */
    float[] toFloats(Storage s);

    /** The elements as longs (floating values truncated toward zero). */
    long[] toLongs(Storage s);

    /** The elements as booleans (non-zero is true). */
    boolean[] toBooleans(Storage s);

    /** One element as a double. */
    double get(Storage s, int index);

    /** The elements converted to another type (floating to INT64 truncates; non-zero to BOOL is true). */
    Storage cast(Storage s, DType dtype);

    /** The INT64 storage {@code 0, 1, ..., n-1}. */
    Storage arange(int n);

    // ---- elementwise ------------------------------------------------------------------------------------------

    /** {@code op(x)} elementwise; x is floating. */
    Storage unary(UnaryOp op, Storage x);

    /** {@code x op s} elementwise; x is floating, s is converted to x's type. */
    Storage scalar(ScalarOp op, Storage x, double s);

    /** {@code a op b} with broadcasting; a and b have one type (floating or INT64), the result has it too. */
    Storage binary(BinaryOp op, Storage a, Storage b, BroadcastPlan plan);

    /** {@code a op b} with broadcasting, as BOOL; a and b have one type. */
    Storage compare(CompareOp op, Storage a, Storage b, BroadcastPlan plan);

    /** Boolean logic with broadcasting; a and b are BOOL. */
    Storage logical(LogicalOp op, Storage a, Storage b, BroadcastPlan plan);

    /** Logical negation of a BOOL storage. */
    Storage not(Storage a);

    /** {@code cond ? a : b} with broadcasting over the three operands (plan operands: cond, a, b). */
    Storage where(Storage cond, Storage a, Storage b, BroadcastPlan plan);

    /** BOOL: whether each element is NaN. */
    Storage isNaN(Storage x);

    /** BOOL: whether each element is finite (neither NaN nor infinite). */
    Storage isFinite(Storage x);

    // ---- reductions and scans ---------------------------------------------------------------------------------

    /** Reduces the middle axis of x viewed as {@code [outer, n, inner]} into {@code [outer, inner]}. */
    Storage reduce(ReduceOp op, Storage x, int outer, int n, int inner);

    /** INT64 index of the maximum ({@code max = true}) or minimum along the middle axis; first index on ties. */
    Storage argReduce(boolean max, Storage x, int outer, int n, int inner);

    /**
     * Running sums ({@code product = false}) or products along the middle axis of {@code [outer, n, inner]}.
     *
     * @param reverse accumulate from the end of the axis
     * @param exclusive leave out the element itself (the first result is 0 for sums, 1 for products)
     */
    Storage scan(boolean product, Storage x, int outer, int n, int inner, boolean reverse, boolean exclusive);

    /**
     * INT64 indices that sort each line along the middle axis of {@code [outer, n, inner]} in ascending order
     * (stable; NaN last).
     */
    Storage argsort(Storage x, int outer, int n, int inner);

    // ---- layout -----------------------------------------------------------------------------------------------

    /**
     * A dense copy of the elements {@code x[offset + sum_d i_d * strides[d]]} for every index {@code i} of
     * {@code outShape}: transposes, permutations, expansions (stride 0), slices and flips (negative strides).
     */
    Storage strided(Storage x, int offset, int[] strides, int[] outShape);

    /**
     * Concatenation of parts viewed as {@code [outer, widths[i]]} along their second axis.
     */
    Storage concat(Storage[] parts, int outer, int[] widths);

    /**
     * Selects entries of the middle axis of x viewed as {@code [outer, n, inner]} by an INT64 index vector: the
     * result is {@code [outer, index.size, inner]}.
     *
     * @param dim the tensor dimension the middle axis is, for error messages
     */
    Storage indexSelect(Storage x, int outer, int n, int inner, Storage index, int dim);

    /**
     * The adjoint of {@link #indexSelect}: a zero {@code [outer, n, inner]} storage into which the rows of src
     * ({@code [outer, index.size, inner]}) are added at the indexed positions.
     */
    Storage indexAdd(Storage src, int outer, int n, int inner, Storage index, int dim);

    /**
     * {@code out[i] = x[i with i[dim] replaced by index[i]]} over the shape of index (PyTorch's {@code gather}); index
     * has x's rank and sizes no larger than x's outside {@code dim}.
     */
    Storage gather(Storage x, int[] xShape, int dim, Storage index, int[] indexShape);

    /**
     * A copy of base with {@code src[i]} added at {@code base[i with i[dim] replaced by index[i]]} for every index
     * {@code i} of index's shape (PyTorch's {@code scatter_add}).
     */
    Storage scatterAdd(Storage base, int[] baseShape, int dim, Storage index, int[] indexShape, Storage src);

    /** One-hot rows: {@code out[i, c] = (index[i] == c)} as {@code dtype}, for INT64 indices in [0, classes). */
    Storage oneHot(Storage index, int classes, DType dtype);

    // ---- linear algebra ---------------------------------------------------------------------------------------

    /** The batch of matrix products the plan describes; a and b have one floating type. */
    Storage matmul(Storage a, Storage b, MatmulPlan plan);

    /**
     * {@code a · op(b) + bias} for a single (unbatched) product: the plan's {@code [m, n]} result plus the bias, a
     * vector of {@code n} elements, added to every row (a linear layer's {@code x · w^T + b}). All three have one
     * floating type. The default is the product followed by a broadcast addition; a backend may add the bias inside
     * the product.
     */
    default Storage matmulAddRow(Storage a, Storage b, Storage bias, MatmulPlan plan) {
        return binary(BinaryOp.ADD, matmul(a, b, plan), bias,
                BroadcastPlan.of("linear", new int[] {plan.m(), plan.n()}, new int[] {plan.n()}));
    }

    /**
     * Lower Cholesky factors {@code L} with {@code L L^T = A} of {@code batch} symmetric positive-definite
     * {@code n × n} blocks (only their lower triangles are read); the upper triangles of the result are zero.
     *
     * @throws IllegalArgumentException naming the batch entry and the failing leading minor when a block is not
     *     positive definite
     */
    Storage cholesky(Storage a, int batch, int n);

    /**
     * Solves {@code op(A) X = B} for triangular {@code A} (lower, or upper when {@code upper}), where the plan's
     * {@code transA} makes {@code op(A) = A^T}; the plan's {@code m = k} is the order of A, its {@code n} the
     * columns of B, and its offsets locate each batch's A and B blocks. Only A's triangle is read.
     */
    Storage solveTriangular(Storage a, Storage b, MatmulPlan plan, boolean upper);

    // ---- validation -------------------------------------------------------------------------------------------

    /**
     * Whether every element of {@code x} lies in {@code [lower, upper]} (a NaN never does) and, when {@code integral},
     * is also a finite integer. The default reads the elements back as doubles; backends override it with one pass
     * over their own memory.
     */
    default boolean allInRange(Storage x, double lower, double upper, boolean integral) {
        for (double v : toDoubles(x)) {
            if (!(v >= lower && v <= upper) || integral && !(Double.isFinite(v) && v == Math.floor(v))) {
                return false;
            }
        }
        return true;
    }

    // ---- fused optimizer kernels --------------------------------------------------------------------------------

    /**
     * One Adam update over equal-sized floating storages of one dtype ({@link Fused#adam} has the formulas):
     * returns {@code {param', m', v'}}. The default composes the other kernels; backends override it with one pass.
     */
    default Storage[] adam(Storage param, Storage grad, Storage m, Storage v, AdamStep step) {
        int[] shape = {param.size()};
        BroadcastPlan same = BroadcastPlan.of("adam", shape, shape);
        Storage m2 = binary(BinaryOp.ADD, scalar(ScalarOp.MUL, m, step.beta1()),
                scalar(ScalarOp.MUL, grad, 1 - step.beta1()), same);
        Storage g2 = binary(BinaryOp.MUL, grad, grad, same);
        Storage v2 = binary(BinaryOp.ADD, scalar(ScalarOp.MUL, v, step.beta2()),
                scalar(ScalarOp.MUL, g2, 1 - step.beta2()), same);
        Storage denominator = scalar(ScalarOp.ADD, scalar(ScalarOp.DIV, unary(UnaryOp.SQRT, v2),
                step.sqrtBiasCorrection2()), step.eps());
        Storage delta = binary(BinaryOp.DIV, scalar(ScalarOp.MUL, m2, step.stepSize()), denominator, same);
        return new Storage[] {binary(BinaryOp.SUB, param, delta, same), m2, v2};
    }

    /**
     * {@link #adam} for moments the caller owns (an optimizer's private state that no tensor wraps, see
     * {@link AdamMoments}): a backend may write {@code m'} and {@code v'} into {@code m} and {@code v} and return them;
     * {@code param} is never written. Returns {@code {param', m', v'}}; the default returns fresh storages, as
     * {@link #adam} does.
     */
    default Storage[] adamInPlace(Storage param, Storage grad, Storage m, Storage v, AdamStep step) {
        return adam(param, grad, m, v, step);
    }

    // ---- neural-network kernels ------------------------------------------------------------------------------

    /**
     * The convolution the plan describes: input {@code [batch, inChannels, H, W]} and weight
     * {@code [outChannels, inChannels/groups, kH, kW]} (one floating type) give {@code [batch, outChannels, outH,
     * outW]}, without bias.
     */
    default Storage conv2d(Storage input, Storage weight, Conv2dPlan plan) {
        throw missing("conv2d");
    }

    /**
     * The convolution's adjoint in its input, a transposed convolution: from an output-shaped gradient
     * {@code [batch, outChannels, outH, outW]} and the weight, the input-shaped
     * {@code gx[n, c, h, w] = sum over (o, i, j, p, q) with source(i, p) = h, source(j, q) = w of
     * g[n, o, i, j] · w[o, c', p, q]}.
     */
    default Storage conv2dInputGrad(Storage gradOutput, Storage weight, Conv2dPlan plan) {
        throw missing("conv2dInputGrad");
    }

    /**
     * The convolution's adjoint in its weight, a correlation: from the input and an output-shaped gradient, the
     * weight-shaped {@code gw[o, c, p, q] = sum_{n, i, j} g[n, o, i, j] · x[n, g·Cg + c, source(i, p), source(j, q)]}.
     */
    default Storage conv2dWeightGrad(Storage input, Storage gradOutput, Conv2dPlan plan) {
        throw missing("conv2dWeightGrad");
    }

    /**
     * INT64 positions of the window maxima of {@code planes} planes {@code [height.size, width.size]}: for each output
     * {@code [plane, i, j]} the index {@code h·W + w} within its plane of the largest element its window reads
     * (padding excluded; the first on ties; a NaN wins). Every window must read at least one input element.
     */
    default Storage maxPool2dIndices(Storage input, int planes, WindowAxis height, WindowAxis width) {
        throw missing("maxPool2dIndices");
    }

    /**
     * Window means of {@code planes} floating planes: each output is the sum of the input elements its window reads
     * divided by the window's taps {@code kH·kW} ({@code countIncludePad}) or by the number of those elements that
     * are not padding.
     */
    default Storage avgPool2d(Storage input, int planes, WindowAxis height, WindowAxis width,
                              boolean countIncludePad) {
        throw missing("avgPool2d");
    }

    /** The adjoint of {@link #avgPool2d}: each output gradient spread over its window with the same divisor. */
    default Storage avgPool2dAdjoint(Storage gradOutput, int planes, WindowAxis height, WindowAxis width,
                                     boolean countIncludePad) {
        throw missing("avgPool2dAdjoint");
    }

    private UnsupportedOperationException missing(String kernel) {
        return new UnsupportedOperationException("backend " + name() + " has no " + kernel + " kernel");
    }

    // ---- random -----------------------------------------------------------------------------------------------

    /** {@code size} uniforms on [0, 1). */
    Storage uniform(RandomStream stream, int size, DType dtype);

    /** {@code size} standard normals. */
    Storage normal(RandomStream stream, int size, DType dtype);

    /** Standard gamma variates (rate 1), one per element of the floating storage of shapes {@code alpha}. */
    Storage gamma(RandomStream stream, Storage alpha);

    /**
     * The implicit reparameterization gradient of standard gamma variates: {@code dx/dalpha} holding the CDF
     * {@code F(x; alpha)} fixed, {@code -(dF/dalpha) / f(x; alpha)}, for paired elements of samples {@code x} and
     * shapes {@code alpha} (same size and floating type); 0 where x is not positive.
     */
    Storage standardGammaGrad(Storage x, Storage alpha);

    /**
     * Beta variates for paired elements of shapes {@code a} and {@code b} (same size and floating type), computed so
     * that small shapes do not underflow to 0/0.
     */
    Storage beta(RandomStream stream, Storage a, Storage b);

    /** Poisson variates, one per element of the floating storage of rates, in the rates' type. */
    Storage poisson(RandomStream stream, Storage rate);

    /** Binomial variates for paired elements of counts and probabilities (same size and floating type). */
    Storage binomial(RandomStream stream, Storage count, Storage prob);

    /** Bernoulli variates (0 or 1) in the probabilities' type. */
    Storage bernoulli(RandomStream stream, Storage prob);

    /** A uniformly random permutation of {@code 0 .. n-1} (INT64). */
    Storage permutation(RandomStream stream, int n);

    /**
     * INT64 categorical draws, one per row of {@code probs} viewed as {@code [rows, categories]}; rows need not be
     * normalised.
     */
    Storage categorical(RandomStream stream, Storage probs, int rows, int categories);
}
