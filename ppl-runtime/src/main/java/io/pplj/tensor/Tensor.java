package io.pplj.tensor;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An immutable n-dimensional array with reverse-mode automatic differentiation, the one numeric type of PPL-J.
 *
 * <p><b>Values.</b> A tensor has a {@linkplain #shape() shape}, a {@linkplain #dtype() type} ({@code float32} by
 * default, {@code float64}, {@code int64} for indices, {@code bool} for masks) and a dense row-major
 * {@link Storage} on a {@link Backend}. Operations never modify a tensor; they return new ones. Shapes broadcast
 * exactly as in NumPy and PyTorch ({@link Shapes}); mixing types promotes ({@link DType#promote}).
 *
 * <p><b>Autodiff.</b> Define-by-run: when gradient mode is on ({@link Grad}) and an input of an operation
 * {@linkplain #requiresGrad() requires a gradient}, the operation is recorded. {@link #backward()} on a scalar result
 * computes d result / d leaf for every leaf that requires a gradient and adds it to the leaf's {@link #grad()};
 * {@link Grad#of(Tensor, Tensor...)} returns gradients without touching leaves.
 *
 * <pre>{@code
 * Tensor w = Tensor.of(0.5, -1.0).requiresGrad(true);
 * Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
 * Tensor loss = x.matmul(w).tanh().square().mean();
 * loss.backward();
 * Tensor dw = w.grad();                          // shape [2]
 * }</pre>
 *
 * <p>Tensors are safe to share between threads; {@link #grad()} accumulation is synchronized per leaf.
 */
public final class Tensor {

    final Storage storage;
    final int[] shape;
    boolean requiresGrad;
    Node node;
    private Tensor grad;
    /** The last range the elements were found within; racing writers store equally true facts. */
    private volatile KnownRange knownRange;

    /** Wraps a storage; {@code shape} is owned by the new tensor and must not be modified afterwards. */
    Tensor(Storage storage, int[] shape) {
        this.storage = storage;
        this.shape = shape;
    }

    // ---- construction -------------------------------------------------------------------------------------------

    /** A rank-0 float32 tensor. */
    public static Tensor scalar(double value) {
        return scalar(value, DType.DEFAULT_FLOAT);
    }

    /** A rank-0 tensor of the given type. */
    public static Tensor scalar(double value, DType dtype) {
        return new Tensor(Backends.current().full(dtype, 1, value), Shapes.SCALAR);
    }

    /** A 1-D float32 tensor of the values. */
    public static Tensor of(double... values) {
        return of(values, DType.DEFAULT_FLOAT, values.length);
    }

    /** A float32 tensor of the given shape holding the values in row-major order. */
    public static Tensor of(double[] values, int... shape) {
        return of(values, DType.DEFAULT_FLOAT, shape);
    }

    /** A tensor of the given type and shape holding the values in row-major order. */
    public static Tensor of(double[] values, DType dtype, int... shape) {
        int[] s = checkedShape("Tensor.of", values.length, shape);
        return new Tensor(Backends.current().fromDoubles(values, dtype), s);
    }

    /** A float32 tensor of the given shape holding a copy of the values. */
    public static Tensor ofFloats(float[] values, int... shape) {
        int[] s = checkedShape("Tensor.ofFloats", values.length, shape);
        return new Tensor(Backends.current().fromFloats(values), s);
    }

    /** A 1-D int64 tensor of the values. */
    public static Tensor ofLongs(long... values) {
        return ofLongs(values, values.length);
    }

    /** An int64 tensor of the given shape holding a copy of the values. */
    public static Tensor ofLongs(long[] values, int... shape) {
        int[] s = checkedShape("Tensor.ofLongs", values.length, shape);
        return new Tensor(Backends.current().fromLongs(values), s);
    }

    /** A bool tensor of the given shape holding a copy of the values. */
    public static Tensor ofBooleans(boolean[] values, int... shape) {
        int[] s = checkedShape("Tensor.ofBooleans", values.length, shape);
        return new Tensor(Backends.current().fromBooleans(values), s);
    }

    /** A float32 tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return full(0.0, DType.DEFAULT_FLOAT, shape);
    }

    /** A tensor of zeros of the given type. */
    public static Tensor zeros(DType dtype, int... shape) {
        return full(0.0, dtype, shape);
    }

    /** A float32 tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, DType.DEFAULT_FLOAT, shape);
    }

    /** A tensor of ones of the given type. */
    public static Tensor ones(DType dtype, int... shape) {
        return full(1.0, dtype, shape);
    }

    /** A float32 tensor filled with {@code value}. */
    public static Tensor full(double value, int... shape) {
        return full(value, DType.DEFAULT_FLOAT, shape);
    }

    /** A tensor of the given type filled with {@code value}. */
    public static Tensor full(double value, DType dtype, int... shape) {
        int[] s = Shapes.checked("Tensor.full", shape);
        return new Tensor(Backends.current().full(dtype, Shapes.numel(s), value), s);
    }

    /** Zeros with the shape, type and backend of {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        return fullLike(like, 0.0);
    }

    /** Ones with the shape, type and backend of {@code like}. */
    public static Tensor onesLike(Tensor like) {
        return fullLike(like, 1.0);
    }

    /** {@code value} everywhere, with the shape, type and backend of {@code like}. */
    public static Tensor fullLike(Tensor like, double value) {
        return new Tensor(like.backend().full(like.dtype(), like.numel(), value), like.shape);
    }

    /** The int64 vector {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: n = " + n + " is negative");
        }
        return new Tensor(Backends.current().arange(n), new int[] {n});
    }

    /** {@code steps} evenly spaced float32 values from {@code start} to {@code end} inclusive. */
    public static Tensor linspace(double start, double end, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("linspace: steps = " + steps + " must be at least 1");
        }
        double step = steps == 1 ? 0.0 : (end - start) / (steps - 1);
        return arange(steps).asType(DType.DEFAULT_FLOAT).mul(step).add(start);
    }

    /** The float32 {@code n × n} identity matrix. */
    public static Tensor eye(int n) {
        return arange(n).oneHot(n, DType.DEFAULT_FLOAT);
    }

    /** Float32 uniforms on [0, 1) from this thread's {@link Rng#current() generator}. */
    public static Tensor rand(int... shape) {
        return Rng.current().uniform(shape);
    }

    /** Float32 standard normals from this thread's {@link Rng#current() generator}. */
    public static Tensor randn(int... shape) {
        return Rng.current().normal(shape);
    }

    /** A tensor holding a copy of an ND4J array's values (float, double, long, int or boolean arrays). */
    public static Tensor fromINDArray(INDArray array) {
        return Nd4jInterop.fromINDArray(array);
    }

    private static int[] checkedShape(String op, int length, int[] shape) {
        int[] s = Shapes.checked(op, shape);
        if (Shapes.numel(s) != length) {
            throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + Shapes.format(s)
                    + " (" + Shapes.numel(s) + " elements)");
        }
        return s;
    }

    // ---- properties -------------------------------------------------------------------------------------------

    /** The sizes of the dimensions (a copy; {@code []} for a scalar). */
    public int[] shape() {
        return shape.clone();
    }

    int[] shapeRef() {
        return shape;
    }

    /** The number of dimensions (0 for a scalar). */
    public int dim() {
        return shape.length;
    }

    /** The size of dimension {@code d}; negative {@code d} counts from the end. */
    public int size(int d) {
        return shape[Shapes.normalizeDim("size", d, shape.length)];
    }

    /** The number of elements. */
    public int numel() {
        return storage.size();
    }

    /** The element type. */
    public DType dtype() {
        return storage.dtype();
    }

    /** The backend holding this tensor's storage. */
    public Backend backend() {
        return storage.backend();
    }

    /** The backing storage, for backends and interop. */
    public Storage storage() {
        return storage;
    }

    /** The single element's value. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: the tensor has shape " + Shapes.format(shape) + " ("
                    + numel() + " elements); item() needs exactly one");
        }
        return backend().get(storage, 0);
    }

    /** The elements in row-major order, as doubles. */
    public double[] toDoubleArray() {
        return backend().toDoubles(storage);
    }

    /** The elements in row-major order, as floats. */
    public float[] toFloatArray() {
        return backend().toFloats(storage);
    }

    /** The elements in row-major order, as longs (floating values truncated toward zero). */
    public long[] toLongArray() {
        return backend().toLongs(storage);
    }

    /** The elements in row-major order, as booleans (non-zero is true). */
    public boolean[] toBooleanArray() {
        return backend().toBooleans(storage);
    }

    /** A copy as an ND4J array of the same shape and type (needs an ND4J backend such as nd4j-native). */
    public INDArray toINDArray() {
        return Nd4jInterop.toINDArray(this);
    }

    /** This tensor converted to {@code dtype} (itself if it has that type); differentiable between floating types. */
    public Tensor asType(DType dtype) {
        return Elementwise.cast(this, dtype);
    }

    /** This tensor on another backend (itself if already there); differentiable. */
    public Tensor to(Backend target) {
        return Elementwise.transfer(this, target);
    }

    // ---- autodiff ---------------------------------------------------------------------------------------------

    /** Whether operations on this tensor are recorded for differentiation. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * A leaf tensor sharing this tensor's values that does ({@code true}) or does not record operations. Gradients
     * from {@link #backward()} accumulate in the returned tensor's {@link #grad()}.
     *
     * @throws IllegalArgumentException for integer and boolean tensors, which cannot have gradients
     */
    public Tensor requiresGrad(boolean requires) {
        if (requires && !dtype().isFloating()) {
            throw new IllegalArgumentException("requiresGrad: only floating tensors can require gradients; this one"
                    + " is " + dtype() + " (shape " + Shapes.format(shape) + ")");
        }
        Tensor leaf = new Tensor(storage, shape);
        leaf.requiresGrad = requires;
        return leaf;
    }

    /** A tensor with the same values that is cut from the graph: nothing flows back through it. */
    public Tensor detach() {
        return requiresGrad ? new Tensor(storage, shape) : this;
    }

    /** Whether this tensor is a leaf: created directly rather than recorded as the result of an operation. */
    public boolean isLeaf() {
        return node == null;
    }

    /**
     * Backpropagates from this single-element tensor: adds d this / d leaf to {@link #grad()} of every leaf that
     * requires a gradient.
     *
     * @throws IllegalArgumentException if this tensor has more than one element (use {@link #backward(Tensor)})
     * @throws IllegalStateException if this tensor does not require a gradient
     */
    public void backward() {
        BackwardPass.run(this, null, false, null);
    }

    /** Backpropagates the vector-Jacobian product {@code seed · d this / d leaf} into the leaves' gradients. */
    public void backward(Tensor seed) {
        BackwardPass.run(this, seed, false, null);
    }

    /** The gradient accumulated by {@link #backward()}, or {@code null} if none has arrived. */
    public synchronized Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient. */
    public synchronized void zeroGrad() {
        grad = null;
    }

    synchronized void accumulateGrad(Tensor g) {
        grad = grad == null ? g : grad.add(g);
    }

    // ---- arithmetic -------------------------------------------------------------------------------------------

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return Elementwise.binary(this, other, BinaryOp.ADD);
    }

    /** {@code this + s}. */
    public Tensor add(double s) {
        return Elementwise.scalar(this, ScalarOp.ADD, s);
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return Elementwise.binary(this, other, BinaryOp.SUB);
    }

    /** {@code this - s}. */
    public Tensor sub(double s) {
        return Elementwise.scalar(this, ScalarOp.SUB, s);
    }

    /** {@code s - this}. */
    public Tensor rsub(double s) {
        return Elementwise.scalar(this, ScalarOp.RSUB, s);
    }

    /** {@code this * other} elementwise, broadcasting. */
    public Tensor mul(Tensor other) {
        return Elementwise.binary(this, other, BinaryOp.MUL);
    }

    /** {@code this * s}. */
    public Tensor mul(double s) {
        return Elementwise.scalar(this, ScalarOp.MUL, s);
    }

    /** {@code this / other} elementwise, broadcasting; integer operands give float32. */
    public Tensor div(Tensor other) {
        return Elementwise.binary(this, other, BinaryOp.DIV);
    }

    /** {@code this / s}. */
    public Tensor div(double s) {
        return Elementwise.scalar(this, ScalarOp.DIV, s);
    }

    /** {@code s / this}. */
    public Tensor rdiv(double s) {
        return Elementwise.scalar(this, ScalarOp.RDIV, s);
    }

    /** {@code this ^ exponent} elementwise, broadcasting. */
    public Tensor pow(Tensor exponent) {
        return Elementwise.binary(this, exponent, BinaryOp.POW);
    }

    /** {@code this ^ p}. */
    public Tensor pow(double p) {
        return Elementwise.scalar(this, ScalarOp.POW, p);
    }

    /**
     * {@code this * log(y)} elementwise, broadcasting, but 0 where {@code this == 0} and y is not NaN, so
     * {@code 0 log 0 = 0} (PyTorch's {@code xlogy}). Gradients: {@code log y} in this (0 where this and y are both
     * 0; PyTorch also drops it where only this is 0) and {@code this / y} in y (0 where this is 0, also at
     * {@code y == 0}, where PyTorch gives NaN).
     */
    public Tensor xlogy(Tensor y) {
        return Elementwise.binary(this, y, BinaryOp.XLOGY);
    }

    /**
     * {@code this * log(1 + y)} elementwise, broadcasting, but 0 where {@code this == 0} and y is not NaN
     * (PyTorch's {@code special.xlog1py}). Gradients: {@code log1p(y)} in this (0 where this is 0 and
     * {@code y == -1}) and {@code this / (1 + y)} in y (0 where this is 0).
     */
    public Tensor xlog1py(Tensor y) {
        return Elementwise.binary(this, y, BinaryOp.XLOG1PY);
    }

    /**
     * {@code this / y} elementwise, broadcasting, but 0 where {@code this == 0} and y is not NaN, even where
     * {@code y == 0}. Gradients: {@code 1 / y} in this (0 where this and y are both 0) and {@code -this / y^2}
     * in y.
     */
    public Tensor xdivy(Tensor y) {
        return Elementwise.binary(this, y, BinaryOp.XDIVY);
    }

    /**
     * The log-likelihood of {@code targets} under these probabilities, elementwise and broadcasting:
     * {@code t log p + (1 - t) log(1 - p)} for probabilities {@code p} (this) and targets {@code t}, each term 0
     * where its coefficient is 0 and p is not NaN, so {@code 0 log 0 = 0} (the Bernoulli log-mass of 0/1 targets;
     * PyTorch's {@code -binary_cross_entropy(p, t)} without clamping). One pass instead of the five of
     * {@code t.xlogy(p).add(t.rsub(1).xlog1py(p.neg()))}, and one logarithm per element when the targets are 0 or 1.
     * Gradients: {@code t / p - (1 - t) / (1 - p)} in p (each term 0 where its coefficient is 0) and
     * {@code log p - log(1 - p)} in t.
     */
    public Tensor binaryLogLikelihood(Tensor targets) {
        return Elementwise.binary(this, targets, BinaryOp.BINARY_LOG_LIKELIHOOD);
    }

    /** Elementwise maximum, broadcasting; on ties the gradient is split evenly. */
    public Tensor maximum(Tensor other) {
        return Elementwise.binary(this, other, BinaryOp.MAXIMUM);
    }

    /** Elementwise minimum, broadcasting; on ties the gradient is split evenly. */
    public Tensor minimum(Tensor other) {
        return Elementwise.binary(this, other, BinaryOp.MINIMUM);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Elementwise.unary(this, UnaryOp.NEG);
    }

    /** {@code e^this}. */
    public Tensor exp() {
        return Elementwise.unary(this, UnaryOp.EXP);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return Elementwise.unary(this, UnaryOp.LOG);
    }

    /** {@code log(1 + this)}, accurate near 0. */
    public Tensor log1p() {
        return Elementwise.unary(this, UnaryOp.LOG1P);
    }

    /** {@code e^this - 1}, accurate near 0. */
    public Tensor expm1() {
        return Elementwise.unary(this, UnaryOp.EXPM1);
    }

    /** Square root. */
    public Tensor sqrt() {
        return Elementwise.unary(this, UnaryOp.SQRT);
    }

    /** Absolute value; its gradient at 0 is 0. */
    public Tensor abs() {
        return Elementwise.unary(this, UnaryOp.ABS);
    }

    /** Sign in {-1, 0, 1}; its gradient is 0. */
    public Tensor sign() {
        return Elementwise.unary(this, UnaryOp.SIGN);
    }

    /** Logistic sigmoid {@code 1 / (1 + e^-x)}. */
    public Tensor sigmoid() {
        return Elementwise.unary(this, UnaryOp.SIGMOID);
    }

    /** {@code log sigmoid(x)}, stable for large |x|. */
    public Tensor logsigmoid() {
        return Elementwise.unary(this, UnaryOp.LOGSIGMOID);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return Elementwise.unary(this, UnaryOp.TANH);
    }

    /** {@code log(1 + e^x)}, stable for large |x|. */
    public Tensor softplus() {
        return Elementwise.unary(this, UnaryOp.SOFTPLUS);
    }

    /** {@code max(x, 0)}; its gradient at 0 is 0. */
    public Tensor relu() {
        return Elementwise.unary(this, UnaryOp.RELU);
    }

    /** {@code log |Gamma(x)|}; gradient digamma. */
    public Tensor lgamma() {
        return Elementwise.unary(this, UnaryOp.LGAMMA);
    }

    /** Digamma {@code psi(x)}; gradient trigamma. */
    public Tensor digamma() {
        return Elementwise.unary(this, UnaryOp.DIGAMMA);
    }

    /** Trigamma {@code psi'(x)}; not differentiable itself. */
    public Tensor trigamma() {
        return Elementwise.unary(this, UnaryOp.TRIGAMMA);
    }

    /** Error function. */
    public Tensor erf() {
        return Elementwise.unary(this, UnaryOp.ERF);
    }

    /** Sine. */
    public Tensor sin() {
        return Elementwise.unary(this, UnaryOp.SIN);
    }

    /** Cosine. */
    public Tensor cos() {
        return Elementwise.unary(this, UnaryOp.COS);
    }

    /** {@code 1 / x}. */
    public Tensor reciprocal() {
        return Elementwise.unary(this, UnaryOp.RECIPROCAL);
    }

    /** {@code x^2}. */
    public Tensor square() {
        return Elementwise.unary(this, UnaryOp.SQUARE);
    }

    /** Largest integer not greater than x; its gradient is 0. */
    public Tensor floor() {
        return Elementwise.unary(this, UnaryOp.FLOOR);
    }

    /** Each element limited to {@code [min, max]}; the gradient passes where {@code min <= x <= max}. */
    public Tensor clamp(double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        return clampMin(min).clampMax(max);
    }

    /** {@code max(x, min)}. */
    public Tensor clampMin(double min) {
        return Elementwise.scalar(this, ScalarOp.MAX, min);
    }

    /** {@code min(x, max)}. */
    public Tensor clampMax(double max) {
        return Elementwise.scalar(this, ScalarOp.MIN, max);
    }

    /**
     * {@code condition ? a : b} elementwise, broadcasting all three; differentiable in a and b.
     *
     * @param condition a bool tensor
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Elementwise.where(condition, a, b);
    }

    /** Bool: where the elements are NaN. */
    public Tensor isNaN() {
        return Elementwise.isNaN(this);
    }

    /** Bool: where the elements are finite. */
    public Tensor isFinite() {
        return Elementwise.isFinite(this);
    }

    // ---- comparison and logic ---------------------------------------------------------------------------------

    /** Bool {@code this < other}, broadcasting. */
    public Tensor lt(Tensor other) {
        return Elementwise.compare(this, other, CompareOp.LT);
    }

    /** Bool {@code this < s}. */
    public Tensor lt(double s) {
        return lt(scalarLike(s));
    }

    /** Bool {@code this <= other}, broadcasting. */
    public Tensor le(Tensor other) {
        return Elementwise.compare(this, other, CompareOp.LE);
    }

    /** Bool {@code this <= s}. */
    public Tensor le(double s) {
        return le(scalarLike(s));
    }

    /** Bool {@code this > other}, broadcasting. */
    public Tensor gt(Tensor other) {
        return Elementwise.compare(this, other, CompareOp.GT);
    }

    /** Bool {@code this > s}. */
    public Tensor gt(double s) {
        return gt(scalarLike(s));
    }

    /** Bool {@code this >= other}, broadcasting. */
    public Tensor ge(Tensor other) {
        return Elementwise.compare(this, other, CompareOp.GE);
    }

    /** Bool {@code this >= s}. */
    public Tensor ge(double s) {
        return ge(scalarLike(s));
    }

    /** Bool {@code this == other}, broadcasting. */
    public Tensor eq(Tensor other) {
        return Elementwise.compare(this, other, CompareOp.EQ);
    }

    /** Bool {@code this == s}. */
    public Tensor eq(double s) {
        return eq(scalarLike(s));
    }

    /** Bool {@code this != other}, broadcasting. */
    public Tensor ne(Tensor other) {
        return Elementwise.compare(this, other, CompareOp.NE);
    }

    /** Bool {@code this != s}. */
    public Tensor ne(double s) {
        return ne(scalarLike(s));
    }

    /** Logical and of bool tensors, broadcasting. */
    public Tensor and(Tensor other) {
        return Elementwise.logical(this, other, LogicalOp.AND);
    }

    /** Logical or of bool tensors, broadcasting. */
    public Tensor or(Tensor other) {
        return Elementwise.logical(this, other, LogicalOp.OR);
    }

    /** Logical exclusive or of bool tensors, broadcasting. */
    public Tensor xor(Tensor other) {
        return Elementwise.logical(this, other, LogicalOp.XOR);
    }

    /** Logical negation of a bool tensor. */
    public Tensor not() {
        return Elementwise.not(this);
    }

    /** Bool scalar: whether every element is true (non-zero); true for an empty tensor. */
    public Tensor all() {
        return Reductions.all(this);
    }

    /** Bool scalar: whether any element is true (non-zero). */
    public Tensor any() {
        return Reductions.any(this);
    }

    /**
     * Whether {@code |this - other| <= atol + rtol * |other|} everywhere (broadcasting): finite values within the
     * tolerance, or equal infinities; NaNs are never close.
     */
    @SuppressWarnings("try")
    public boolean allClose(Tensor other, double rtol, double atol) {
        try (ThreadScope off = Grad.noGrad()) {
            Tensor a = this.asType(DType.FLOAT64);
            Tensor b = other.asType(DType.FLOAT64);
            Tensor near = a.sub(b).abs().le(b.abs().mul(rtol).add(atol)).and(a.isFinite()).and(b.isFinite());
            return near.or(a.eq(b)).all().item() != 0.0;
        }
    }

    private Tensor scalarLike(double s) {
        DType t = dtype().isFloating() || s != Math.rint(s) ? dtype().toFloating() : DType.INT64;
        return new Tensor(backend().full(t, 1, s), Shapes.SCALAR);
    }

    // ---- reductions -------------------------------------------------------------------------------------------

    /** The sum of all elements, as a scalar. */
    public Tensor sum() {
        return Reductions.sum(this, Reductions.allDims(this), false);
    }

    /** The sum over dimension {@code dim}, which is removed. */
    public Tensor sum(int dim) {
        return sum(new int[] {dim}, false);
    }

    /** The sum over dimension {@code dim}, kept with size 1 when {@code keepDim}. */
    public Tensor sum(int dim, boolean keepDim) {
        return sum(new int[] {dim}, keepDim);
    }

    /** The sum over the given dimensions (none: this tensor itself). */
    public Tensor sum(int[] dims, boolean keepDim) {
        return Reductions.sum(this, dims, keepDim);
    }

    /** The mean of all elements. */
    public Tensor mean() {
        return Reductions.mean(this, Reductions.allDims(this), false);
    }

    /** The mean over dimension {@code dim}, which is removed. */
    public Tensor mean(int dim) {
        return mean(new int[] {dim}, false);
    }

    /** The mean over dimension {@code dim}. */
    public Tensor mean(int dim, boolean keepDim) {
        return mean(new int[] {dim}, keepDim);
    }

    /** The mean over the given dimensions. */
    public Tensor mean(int[] dims, boolean keepDim) {
        return Reductions.mean(this, dims, keepDim);
    }

    /** The product of all elements. */
    public Tensor prod() {
        return Reductions.prod(this, Reductions.allDims(this), false);
    }

    /** The product over dimension {@code dim}, which is removed. */
    public Tensor prod(int dim) {
        return prod(new int[] {dim}, false);
    }

    /** The product over dimension {@code dim}. */
    public Tensor prod(int dim, boolean keepDim) {
        return prod(new int[] {dim}, keepDim);
    }

    /** The product over the given dimensions; the gradient is exact where elements are zero. */
    public Tensor prod(int[] dims, boolean keepDim) {
        return Reductions.prod(this, dims, keepDim);
    }

    /** The maximum of all elements. */
    public Tensor max() {
        return Reductions.extreme(this, Reductions.allDims(this), false, true);
    }

    /** The maximum over dimension {@code dim}, which is removed. */
    public Tensor max(int dim) {
        return max(new int[] {dim}, false);
    }

    /** The maximum over dimension {@code dim}. */
    public Tensor max(int dim, boolean keepDim) {
        return max(new int[] {dim}, keepDim);
    }

    /** The maximum over the given dimensions; the gradient is shared evenly between tied maxima. */
    public Tensor max(int[] dims, boolean keepDim) {
        return Reductions.extreme(this, dims, keepDim, true);
    }

    /** The minimum of all elements. */
    public Tensor min() {
        return Reductions.extreme(this, Reductions.allDims(this), false, false);
    }

    /** The minimum over dimension {@code dim}, which is removed. */
    public Tensor min(int dim) {
        return min(new int[] {dim}, false);
    }

    /** The minimum over dimension {@code dim}. */
    public Tensor min(int dim, boolean keepDim) {
        return min(new int[] {dim}, keepDim);
    }

    /** The minimum over the given dimensions; the gradient is shared evenly between tied minima. */
    public Tensor min(int[] dims, boolean keepDim) {
        return Reductions.extreme(this, dims, keepDim, false);
    }

    /**
     * Whether every element is a number within {@code [lower, upper]} (NaN never is; infinite bounds admit
     * infinities): a yes/no question answered in one pass without allocating, for validation. Not differentiable.
     * A tensor never changes, so it remembers the last range it was found within and answers questions that range
     * settles without another pass (observed data validated on every step is read once).
     */
    public boolean allInRange(double lower, double upper) {
        return inRange(lower, upper, false);
    }

    /**
     * Whether every element is a finite integer within {@code [lower, upper]} (floating values without a fractional
     * part; integer and bool tensors are integers): {@link #allInRange} plus integrality, without allocating (remembered
     * the same way).
     */
    public boolean allIntegersInRange(double lower, double upper) {
        return inRange(lower, upper, true);
    }

    private boolean inRange(double lower, double upper, boolean integral) {
        KnownRange known = knownRange;
        if (known != null && known.settles(lower, upper, integral)) {
            return true;
        }
        boolean holds = backend().allInRange(storage, lower, upper, integral);
        if (holds) {
            knownRange = new KnownRange(lower, upper, integral);
        }
        return holds;
    }

    /** A range every element was found within (and whether all were integers). */
    private record KnownRange(double lower, double upper, boolean integral) {
        /** Whether this fact answers "all within {@code [lo, hi]}, integers if {@code integers}" with yes. */
        boolean settles(double lo, double hi, boolean integers) {
            return lower >= lo && upper <= hi && (integral || !integers);
        }
    }

    /** {@code log sum exp} of all elements, computed stably. */
    public Tensor logsumexp() {
        return Reductions.logsumexp(this, Reductions.allDims(this), false);
    }

    /** {@code log sum_{dim} exp(x)}, computed stably; the dimension is removed. */
    public Tensor logsumexp(int dim) {
        return logsumexp(new int[] {dim}, false);
    }

    /** {@code log sum_{dim} exp(x)}, computed stably. */
    public Tensor logsumexp(int dim, boolean keepDim) {
        return logsumexp(new int[] {dim}, keepDim);
    }

    /** {@code log sum exp} over the given dimensions. */
    public Tensor logsumexp(int[] dims, boolean keepDim) {
        return Reductions.logsumexp(this, dims, keepDim);
    }

    /** Int64 index of the maximum along {@code dim} (first on ties); the dimension is removed. */
    public Tensor argmax(int dim) {
        return Reductions.argExtreme(this, dim, true);
    }

    /** Int64 index of the minimum along {@code dim} (first on ties); the dimension is removed. */
    public Tensor argmin(int dim) {
        return Reductions.argExtreme(this, dim, false);
    }

    /** Int64 indices that sort this tensor along {@code dim} in ascending order (stable; NaN last). */
    public Tensor argsort(int dim) {
        return Reductions.argsort(this, dim);
    }

    /** The values sorted along {@code dim} in ascending order (NaN last); differentiable (gradients follow the values). */
    public Tensor sort(int dim) {
        return gather(Reductions.normalizeSortDim(this, dim), argsort(dim));
    }

    /**
     * The median along {@code dim} (the lower of the two middle values for an even count, as PyTorch); the dimension
     * is removed.
     */
    public Tensor median(int dim) {
        int d = Reductions.normalizeSortDim(this, dim);
        return sort(d).select(d, (size(d) - 1) / 2);
    }

    /** {@code exp(x_i) / sum_j exp(x_j)} along {@code dim}. */
    public Tensor softmax(int dim) {
        return logSoftmax(dim).exp();
    }

    /** {@code x_i - log sum_j exp(x_j)} along {@code dim}. */
    public Tensor logSoftmax(int dim) {
        return sub(logsumexp(dim, true));
    }

    /** Running sums along {@code dim}. */
    public Tensor cumsum(int dim) {
        return Reductions.cumsum(this, dim);
    }

    // ---- linear algebra ---------------------------------------------------------------------------------------

    /**
     * Matrix product with NumPy's {@code matmul} rules: 1-D operands are vectors (a 1-D · 1-D product is a scalar
     * dot product), operands of rank 3 and more are stacks of matrices whose leading (batch) dimensions broadcast.
     */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other);
    }

    /**
     * The affine map of a fully connected layer, {@code this · weight^T + bias}: this is {@code [..., in]},
     * {@code weight} is {@code [out, in]} (PyTorch's layout), {@code bias} is {@code [out]} or {@code null}; the
     * result is {@code [..., out]}. The product runs without copying the transposed weight.
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return LinearAlgebra.linear(this, weight, bias);
    }

    /**
     * The lower Cholesky factor {@code L} of symmetric positive-definite matrices ({@code [..., n, n]}), with
     * {@code L L^T = this}. Only the lower triangle is read; the gradient is symmetric.
     *
     * @throws IllegalArgumentException if a matrix is not positive definite
     */
    public Tensor cholesky() {
        return LinearAlgebra.cholesky(this);
    }

    /**
     * {@code X} with {@code this · X = b}, where this is a triangular matrix ({@code [..., n, n]}: lower, or upper
     * when {@code upper}) and {@code b} is {@code [..., n, k]}; batch dimensions broadcast. Only the triangle is
     * read. Differentiable in both arguments.
     */
    public Tensor solveTriangular(Tensor b, boolean upper) {
        return LinearAlgebra.solveTriangular(this, b, upper, false);
    }

    /** The diagonals of the last two dimensions ({@code [..., n, n]} gives {@code [..., n]}). */
    public Tensor diagonal() {
        return LinearAlgebra.diagonal(this);
    }

    /** Square matrices with this tensor's last dimension on their diagonals ({@code [..., n]} gives {@code [..., n, n]}). */
    public Tensor diagEmbed() {
        return LinearAlgebra.diagEmbed(this);
    }

    /** The lower triangle of the last two dimensions (entries above diagonal {@code k} set to zero). */
    public Tensor tril(int k) {
        return LinearAlgebra.triangle(this, k, true);
    }

    /** The upper triangle of the last two dimensions (entries below diagonal {@code k} set to zero). */
    public Tensor triu(int k) {
        return LinearAlgebra.triangle(this, k, false);
    }

    /** The transpose of the last two dimensions. */
    public Tensor mT() {
        return transpose(-2, -1);
    }

    // ---- convolution, pooling, normalization -------------------------------------------------------------------

    /**
     * 2-D convolution (PyTorch's {@code conv2d}, strictly a cross-correlation) of this {@code [N, C, H, W]} input
     * (or unbatched {@code [C, H, W]}) with {@code weight} {@code [O, C/groups, kH, kW]}:
     *
     * <pre>
     * y[n, o, i, j] = bias[o] + sum_{c, p, q} weight[o, c, p, q] · x[n, g·C/groups + c, i·sH - pH + p·dH,
     *                                                                   j·sW - pW + q·dW]
     * </pre>
     *
     * where {@code g = o / (O/groups)} and positions outside the input read zero. The output is {@code [N, O, outH,
     * outW]} with {@code out = floor((in + 2·padding - dilation·(k - 1) - 1) / stride) + 1}. Differentiable in the
     * input, the weight and the bias; the input gradient is a transposed convolution, the weight gradient a
     * correlation of the input with the output gradient.
     *
     * @param bias {@code [O]}, or {@code null} for none
     * @param stride {@code {sH, sW}}, at least 1
     * @param padding {@code {pH, pW}}, zeros added on both sides
     * @param dilation {@code {dH, dW}}, spacing between kernel taps, at least 1
     * @param groups channel groups; must divide C and O
     * @throws IllegalArgumentException naming the shapes when they do not fit together
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(this, weight, bias, stride, padding, dilation, groups);
    }

    /** {@link #conv2d(Tensor, Tensor, int[], int[], int[], int)} with equal values on both axes. */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return conv2d(weight, bias, pair(stride), pair(padding), pair(dilation), groups);
    }

    /** {@link #conv2d(Tensor, Tensor, int[], int[], int[], int)}: equal values on both axes, no dilation, one group. */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(weight, bias, stride, padding, 1, 1);
    }

    /** {@link #conv2d(Tensor, Tensor, int[], int[], int[], int)} with stride 1, no padding, no bias. */
    public Tensor conv2d(Tensor weight) {
        return conv2d(weight, null, 1, 0);
    }

    /**
     * 2-D transposed convolution (PyTorch's {@code conv_transpose2d}) of this {@code [N, C_in, H, W]} input (or
     * {@code [C_in, H, W]}) with {@code weight} {@code [C_in, C_out/groups, kH, kW]}: the adjoint (gradient with
     * respect to the input) of the {@link #conv2d} with the same weight, stride, padding, dilation and groups, so each
     * input element scatters {@code x[n, c, i, j] · weight[c, o, p, q]} to output position
     * {@code (i·s - pad + p·d, j·s - pad + q·d)}. The output is {@code [N, C_out, outH, outW]} with
     * {@code out = (in - 1)·stride - 2·padding + dilation·(k - 1) + outputPadding + 1}. Differentiable in the input,
     * the weight and the bias.
     *
     * @param bias {@code [C_out]}, or {@code null}
     * @param outputPadding extra size added to one side of the output, smaller than the stride or the dilation
     * @throws IllegalArgumentException naming the shapes when they do not fit together
     */
    public Tensor convTranspose2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                  int groups, int[] dilation) {
        return Convolution.convTranspose2d(this, weight, bias, stride, padding, outputPadding, groups, dilation);
    }

    /** {@link #convTranspose2d(Tensor, Tensor, int[], int[], int[], int, int[])} with equal values on both axes. */
    public Tensor convTranspose2d(Tensor weight, Tensor bias, int stride, int padding, int outputPadding, int groups,
                                  int dilation) {
        return convTranspose2d(weight, bias, pair(stride), pair(padding), pair(outputPadding), groups, pair(dilation));
    }

    /** {@link #convTranspose2d(Tensor, Tensor, int[], int[], int[], int, int[])}: one group, no dilation. */
    public Tensor convTranspose2d(Tensor weight, Tensor bias, int stride, int padding, int outputPadding) {
        return convTranspose2d(weight, bias, stride, padding, outputPadding, 1, 1);
    }

    /**
     * 2-D max pooling over the last two dimensions of {@code [N, C, H, W]} or {@code [C, H, W]}: each output is the
     * largest input its window reads, {@code max_{p, q} x[..., i·sH - pH + p·dH, j·sW - pW + q·dW]}, padding
     * excluded (a NaN propagates). Output sizes follow {@link #conv2d}'s formula (floor mode). The gradient goes to
     * the position of each window's maximum (the first on ties).
     *
     * @param padding at most half the kernel in each dimension
     */
    public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return Pooling.maxPool2d(this, kernel, stride, padding, dilation);
    }

    /** {@link #maxPool2d(int[], int[], int[], int[])} with square kernel, stride and padding, no dilation. */
    public Tensor maxPool2d(int kernel, int stride, int padding) {
        return maxPool2d(pair(kernel), pair(stride), pair(padding), pair(1));
    }

    /** {@link #maxPool2d(int[], int[], int[], int[])} with stride equal to the kernel (PyTorch's default). */
    public Tensor maxPool2d(int kernel) {
        return maxPool2d(kernel, kernel, 0);
    }

    /**
     * 2-D average pooling over the last two dimensions of {@code [N, C, H, W]} or {@code [C, H, W]}: each output is
     * the sum of the inputs its window reads divided by {@code kH·kW} ({@code countIncludePad}, PyTorch's default:
     * padding counts as zeros) or by the number of non-padding elements in the window. Linear, so its gradient spreads
     * each output gradient evenly over its window.
     *
     * @param padding at most half the kernel in each dimension
     */
    public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        return Pooling.avgPool2d(this, kernel, stride, padding, countIncludePad);
    }

    /** {@link #avgPool2d(int[], int[], int[], boolean)} with square kernel, stride and padding, padding counted. */
    public Tensor avgPool2d(int kernel, int stride, int padding) {
        return avgPool2d(pair(kernel), pair(stride), pair(padding), true);
    }

    /** {@link #avgPool2d(int[], int[], int[], boolean)} with stride equal to the kernel, no padding. */
    public Tensor avgPool2d(int kernel) {
        return avgPool2d(kernel, kernel, 0);
    }

    /**
     * The per-channel mean and biased variance of this {@code [N, C, ...]} tensor over every dimension but 1, with
     * gradients: what a batch-normalization layer uses in training mode (see {@link BatchStatistics}).
     */
    public BatchStatistics batchStatistics() {
        return BatchStatistics.of(this);
    }

    /**
     * Batch normalization of this {@code [N, C, ...]} tensor with given per-channel statistics:
     *
     * <pre>
     * y[n, c, ...] = (x[n, c, ...] - mean[c]) / sqrt(variance[c] + eps) · weight[c] + bias[c]
     * </pre>
     *
     * Differentiable in every argument. In training mode pass {@link #batchStatistics()}'s mean and biased variance
     * (the gradient then flows through the statistics as well, as in PyTorch); in evaluation mode pass the running
     * estimates.
     *
     * @param mean {@code [C]}
     * @param variance {@code [C]}, non-negative
     * @param weight {@code [C]} scale (gamma), or {@code null} for 1
     * @param bias {@code [C]} shift (beta), or {@code null} for 0
     * @param eps added to the variance, non-negative (PyTorch's default is 1e-5)
     */
    public Tensor batchNorm(Tensor mean, Tensor variance, Tensor weight, Tensor bias, double eps) {
        return Normalization.batchNorm(this, mean, variance, weight, bias, eps);
    }

    private static int[] pair(int v) {
        return new int[] {v, v};
    }

    // ---- layout -----------------------------------------------------------------------------------------------

    /**
     * The same elements in another shape of the same size, sharing storage; one size may be {@code -1} and is
     * inferred.
     */
    public Tensor reshape(int... newShape) {
        return Layout.reshape(this, newShape);
    }

    /** Same as {@link #reshape(int...)}: tensors are contiguous, so every reshape is a view. */
    public Tensor view(int... newShape) {
        return Layout.reshape(this, newShape);
    }

    /** All elements as a 1-D tensor. */
    public Tensor flatten() {
        return Layout.reshape(this, numel());
    }

    /** Dimensions {@code start..end} (inclusive, negative counts from the end) merged into one. */
    public Tensor flatten(int start, int end) {
        return Layout.flatten(this, start, end);
    }

    /** Every dimension of size 1 removed. */
    public Tensor squeeze() {
        return Layout.squeezeAll(this);
    }

    /** Dimension {@code dim} removed if its size is 1 (unchanged otherwise, as in PyTorch). */
    public Tensor squeeze(int dim) {
        return Layout.squeeze(this, dim);
    }

    /** A new dimension of size 1 inserted at {@code dim} (which may be {@code dim()}, or negative). */
    public Tensor unsqueeze(int dim) {
        return Layout.unsqueeze(this, dim);
    }

    /** Dimensions {@code d0} and {@code d1} swapped. */
    public Tensor transpose(int d0, int d1) {
        return Layout.transpose(this, d0, d1);
    }

    /** The dimensions reordered: result dimension {@code i} is this tensor's dimension {@code dims[i]}. */
    public Tensor permute(int... dims) {
        return Layout.permute(this, dims);
    }

    /**
     * This tensor broadcast to a larger shape: sizes 1 repeat, new leading dimensions may be added, {@code -1} keeps
     * a size. The gradient sums over the repeated dimensions.
     */
    public Tensor expand(int... newShape) {
        return Layout.expand(this, newShape);
    }

    /** Elements {@code start .. start+length-1} along {@code dim}. */
    public Tensor narrow(int dim, int start, int length) {
        return Layout.narrow(this, dim, start, length);
    }

    /** Elements {@code start .. end-1} along {@code dim}; negative positions count from the end. */
    public Tensor slice(int dim, int start, int end) {
        return Layout.slice(this, dim, start, end);
    }

    /** The slice at {@code index} along {@code dim}, with that dimension removed. */
    public Tensor select(int dim, int index) {
        return Layout.select(this, dim, index);
    }

    /** Tensors joined along an existing dimension; all other sizes must match. */
    public static Tensor cat(List<Tensor> parts, int dim) {
        return Layout.cat(parts.toArray(new Tensor[0]), dim);
    }

    /** Tensors joined along an existing dimension. */
    public static Tensor cat(int dim, Tensor... parts) {
        return Layout.cat(parts, dim);
    }

    /** Same-shape tensors joined along a new dimension {@code dim}. */
    public static Tensor stack(List<Tensor> parts, int dim) {
        return Layout.stack(parts.toArray(new Tensor[0]), dim);
    }

    /** Same-shape tensors joined along a new dimension {@code dim}. */
    public static Tensor stack(int dim, Tensor... parts) {
        return Layout.stack(parts, dim);
    }

    // ---- indexing ---------------------------------------------------------------------------------------------

    /** The entries at int64 {@code index} (1-D) along {@code dim}. */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, index);
    }

    /** PyTorch's {@code gather}: {@code out[i] = this[i with i[dim] := index[i]]} over index's shape. */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /** PyTorch's {@code scatter_add}: a copy of this with {@code src[i]} added at {@code [i with i[dim] := index[i]]}. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }

    /** One-hot int64 encoding of this int64 tensor: a new last dimension of size {@code classes}. */
    public Tensor oneHot(int classes) {
        return Indexing.oneHot(this, classes, DType.INT64);
    }

    /** One-hot encoding of this int64 tensor in the given type. */
    public Tensor oneHot(int classes, DType dtype) {
        return Indexing.oneHot(this, classes, dtype);
    }

    // ---- text -------------------------------------------------------------------------------------------------

    /** PyTorch-like text: {@code tensor([[1.0, 2.0], [3.0, 4.0]], dtype=float32)}, long tensors abbreviated. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    static Tensor wrap(Storage storage, int[] shape) {
        return new Tensor(storage, shape);
    }

    static boolean sameShape(Tensor a, Tensor b) {
        return Arrays.equals(a.shape, b.shape);
    }
}
