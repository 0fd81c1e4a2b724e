package io.pplj.tensor.cpu;

import io.pplj.tensor.AdamStep;
import io.pplj.tensor.Backend;
import io.pplj.tensor.BinaryOp;
import io.pplj.tensor.BroadcastPlan;
import io.pplj.tensor.CompareOp;
import io.pplj.tensor.Conv2dPlan;
import io.pplj.tensor.DType;
import io.pplj.tensor.LogicalOp;
import io.pplj.tensor.MatmulPlan;
import io.pplj.tensor.RandomStream;
import io.pplj.tensor.ReduceOp;
import io.pplj.tensor.ScalarOp;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Storage;
import io.pplj.tensor.UnaryOp;
import io.pplj.tensor.WindowAxis;
import java.util.Arrays;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * The default backend: tensors in Java arrays, elementwise work, broadcasting and reductions in Java loops the JIT
 * compiles to vector code (split over a private fork-join pool for large arrays), matrix products in OpenBLAS.
 *
 * <p>PPL models are mostly small tensors, where a native call costs more than the arithmetic (one ND4J operation
 * on 10 elements takes 5–10 µs; the same loop in Java 0.1–0.3 µs), so only large matrix products and convolutions
 * (im2col in Java, then one OpenBLAS product per group) leave the JVM.
 *
 * <p>{@link #shared()} uses every available processor. {@link #withThreads(int)} makes a backend with its own
 * thread count, which its matrix products and convolutions use too: OpenBLAS is kept on one thread (a process-wide
 * native setting) and large products are split between the backend's threads (see {@code NativeProducts} for why).
 */
public final class CpuBackend implements Backend {

    private static final class Shared {
        static final CpuBackend INSTANCE = new CpuBackend(Runtime.getRuntime().availableProcessors());
    }

    private final Parallel parallel;
    private final ThreadLocal<Staging> staging = ThreadLocal.withInitial(Staging::new);
    private final ThreadLocal<WideBuffers> wideBuffers = ThreadLocal.withInitial(WideBuffers::new);
    private final Gemm gemm;
    private final ConvKernels conv;

    private CpuBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("CpuBackend: threads = " + threads + " must be at least 1");
        }
        this.parallel = new Parallel(threads);
        Loader.load(openblas.class);
        NativeProducts products = new NativeProducts(parallel);
        this.gemm = new Gemm(staging, products);
        this.conv = new ConvKernels(staging, parallel, products, ConvKernels.COLUMN_LIMIT);
    }

    /** The process-wide default CPU backend, using all available processors. */
    public static CpuBackend shared() {
        return Shared.INSTANCE;
    }

    /** A CPU backend running kernels, matrix products included, on {@code threads} threads. */
    public static CpuBackend withThreads(int threads) {
        return new CpuBackend(threads);
    }

    /** The number of threads kernels use. */
    public int threads() {
        return parallel.threads();
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String toString() {
        return "CpuBackend[threads=" + threads() + "]";
    }

    // ---- storage ----------------------------------------------------------------------------------------------

    private CpuStorage allocate(DType dtype, int size) {
        switch (dtype) {
            case FLOAT32: return CpuStorage.of(this, new float[size]);
            case FLOAT64: return CpuStorage.of(this, new double[size]);
            case INT64: return CpuStorage.of(this, new long[size]);
            default: return CpuStorage.of(this, new boolean[size]);
        }
    }

    private CpuStorage own(Storage s) {
        if (!(s instanceof CpuStorage) || s.backend() != this) {
            throw new IllegalArgumentException("cpu: storage of backend " + s.backend().name()
                    + " passed to " + this);
        }
        return (CpuStorage) s;
    }

    private float[] f32(Storage s) {
        return own(s).f32();
    }

    private double[] f64(Storage s) {
        return own(s).f64();
    }

    private long[] i64(Storage s) {
        return own(s).i64();
    }

    private boolean[] bool(Storage s) {
        return own(s).bool();
    }

    @Override
    public Storage zeros(DType dtype, int size) {
        return allocate(dtype, size);
    }

    @Override
    public Storage full(DType dtype, int size, double value) {
        CpuStorage s = allocate(dtype, size);
        if (value != 0.0) {
            switch (dtype) {
                case FLOAT32: Arrays.fill(s.f32(), (float) value); break;
                case FLOAT64: Arrays.fill(s.f64(), value); break;
                case INT64: Arrays.fill(s.i64(), (long) value); break;
                default: Arrays.fill(s.bool(), true); break;
            }
        }
        return s;
    }

    @Override
    public Storage fromDoubles(double[] values, DType dtype) {
        if (dtype == DType.FLOAT64) {
            return CpuStorage.of(this, values.clone());
        }
        return Casts.fromDoubles(this, values, dtype);
    }

    @Override
    public Storage fromFloats(float[] values) {
        return CpuStorage.of(this, values.clone());
    }

    @Override
    public Storage fromLongs(long[] values) {
        return CpuStorage.of(this, values.clone());
    }

    @Override
    public Storage fromBooleans(boolean[] values) {
        return CpuStorage.of(this, values.clone());
    }

    @Override
    public double[] toDoubles(Storage s) {
        return Casts.toDoubles(own(s));
    }

    @Override
    public float[] toFloats(Storage s) {
        CpuStorage c = own(s);
        return c.dtype() == DType.FLOAT32 ? c.f32().clone()
                : Casts.cast(this, c, DType.FLOAT32).f32();
    }

    @Override
    public long[] toLongs(Storage s) {
        CpuStorage c = own(s);
        return c.dtype() == DType.INT64 ? c.i64().clone()
                : Casts.cast(this, c, DType.INT64).i64();
    }

    @Override
    public boolean[] toBooleans(Storage s) {
        CpuStorage c = own(s);
        return c.dtype() == DType.BOOL ? c.bool().clone()
                : Casts.cast(this, c, DType.BOOL).bool();
    }

    @Override
    public double get(Storage s, int index) {
        return own(s).getDouble(index);
    }

    @Override
    public Storage cast(Storage s, DType dtype) {
        CpuStorage c = own(s);
        return c.dtype() == dtype ? c : Casts.cast(this, c, dtype);
    }

    @Override
    public Storage arange(int n) {
        long[] v = new long[n];
        Arrays.setAll(v, i -> i);
        return CpuStorage.of(this, v);
    }

    // ---- elementwise ------------------------------------------------------------------------------------------

    @Override
    public boolean allInRange(Storage x, double lower, double upper, boolean integral) {
        return RangeKernels.allInRange(own(x), lower, upper, integral);
    }

    @Override
    public Storage[] adam(Storage param, Storage grad, Storage m, Storage v, AdamStep step) {
        return AdamKernels.update(this, own(param), own(grad), own(m), own(v), step, parallel);
    }

    @Override
    public Storage[] adamInPlace(Storage param, Storage grad, Storage m, Storage v, AdamStep step) {
        return AdamKernels.updateInPlace(this, own(param), own(grad), own(m), own(v), step, parallel);
    }

    @Override
    public Storage unary(UnaryOp op, Storage x) {
        CpuStorage c = own(x);
        int n = c.size();
        long cost = UnaryKernels.cost(op);
        if (c.dtype() == DType.FLOAT32) {
            float[] a = c.f32();
            float[] o = new float[n];
            if (parallel.inline(n, cost)) {
                UnaryKernels.f32(op, a, o, 0, n, wideBuffers);
            } else {
                parallel.forRange(n, cost, (from, to) -> UnaryKernels.f32(op, a, o, from, to, wideBuffers));
            }
            return CpuStorage.of(this, o);
        }
        double[] a = f64(c);
        double[] o = new double[n];
        parallel.forRange(n, cost, (from, to) -> UnaryKernels.f64(op, a, o, from, to));
        return CpuStorage.of(this, o);
    }

    @Override
    public Storage scalar(ScalarOp op, Storage x, double s) {
        CpuStorage c = own(x);
        int n = c.size();
        long cost = op == ScalarOp.POW || op == ScalarOp.RPOW ? 16 : 1;
        if (c.dtype() == DType.FLOAT32) {
            float[] a = c.f32();
            float[] o = new float[n];
            float sf = (float) s;
            if (parallel.inline(n, cost)) {
                ScalarKernels.f32(op, a, 0, sf, o, 0, n);
            } else {
                parallel.forRange(n, cost, (from, to) -> ScalarKernels.f32(op, a, from, sf, o, from, to - from));
            }
            return CpuStorage.of(this, o);
        }
        double[] a = f64(c);
        double[] o = new double[n];
        parallel.forRange(n, cost, (from, to) -> ScalarKernels.f64(op, a, from, s, o, from, to - from));
        return CpuStorage.of(this, o);
    }

    @Override
    public Storage binary(BinaryOp op, Storage a, Storage b, BroadcastPlan plan) {
        CpuStorage ca = own(a);
        int n = plan.numel();
        switch (ca.dtype()) {
            case FLOAT32: {
                float[] o = new float[n];
                BinaryKernels.f32(op, f32(a), f32(b), o, plan, parallel, wideBuffers);
                return CpuStorage.of(this, o);
            }
            case FLOAT64: {
                double[] o = new double[n];
                BinaryKernels.f64(op, f64(a), f64(b), o, plan, parallel);
                return CpuStorage.of(this, o);
            }
            case INT64: {
                long[] o = new long[n];
                GenericKernels.integer(op, i64(a), i64(b), o, plan, parallel);
                return CpuStorage.of(this, o);
            }
            default:
                throw new UnsupportedOperationException("cpu: " + op + " on bool storages");
        }
    }

    @Override
    public Storage compare(CompareOp op, Storage a, Storage b, BroadcastPlan plan) {
        boolean[] o = new boolean[plan.numel()];
        GenericKernels.compare(op, own(a), own(b), o, plan, parallel);
        return CpuStorage.of(this, o);
    }

    @Override
    public Storage logical(LogicalOp op, Storage a, Storage b, BroadcastPlan plan) {
        boolean[] o = new boolean[plan.numel()];
        GenericKernels.logical(op, bool(a), bool(b), o, plan, parallel);
        return CpuStorage.of(this, o);
    }

    @Override
    public Storage not(Storage a) {
        boolean[] x = bool(a);
        boolean[] o = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            o[i] = !x[i];
        }
        return CpuStorage.of(this, o);
    }

    @Override
    public Storage where(Storage cond, Storage a, Storage b, BroadcastPlan plan) {
        CpuStorage out = allocate(a.dtype(), plan.numel());
        GenericKernels.where(bool(cond), own(a), own(b), out, plan, parallel);
        return out;
    }

    @Override
    public Storage isNaN(Storage x) {
        return Casts.classify(this, own(x), false);
    }

    @Override
    public Storage isFinite(Storage x) {
        return Casts.classify(this, own(x), true);
    }

    // ---- reductions -------------------------------------------------------------------------------------------

    @Override
    public Storage reduce(ReduceOp op, Storage x, int outer, int n, int inner) {
        CpuStorage c = own(x);
        int size = outer * inner;
        if (c.dtype() == DType.FLOAT32) {
            float[] o = new float[size];
            ReduceKernels.f32(op, c.f32(), o, outer, n, inner, parallel);
            return CpuStorage.of(this, o);
        }
        if (c.dtype() == DType.FLOAT64) {
            double[] o = new double[size];
            ReduceKernels.f64(op, c.f64(), o, outer, n, inner, parallel);
            return CpuStorage.of(this, o);
        }
        long[] o = new long[size];
        ReduceKernels.i64(op, i64(c), o, outer, n, inner);
        return CpuStorage.of(this, o);
    }

    @Override
    public Storage argReduce(boolean max, Storage x, int outer, int n, int inner) {
        return CpuStorage.of(this, ReduceKernels.argReduce(ReduceKernels.beats(own(x), max), outer, n, inner));
    }

    @Override
    public Storage scan(boolean product, Storage x, int outer, int n, int inner, boolean reverse,
                        boolean exclusive) {
        if (x.dtype() == DType.INT64) {
            return CpuStorage.of(this, ReduceKernels.scanLong(product, i64(x), outer, n, inner, reverse, exclusive));
        }
        double[] r = ReduceKernels.scan(product, toDoubles(x), outer, n, inner, reverse, exclusive);
        return Casts.fromDoubles(this, r, x.dtype());
    }

    @Override
    public Storage argsort(Storage x, int outer, int n, int inner) {
        return CpuStorage.of(this, ReduceKernels.argsort(ReduceKernels.less(own(x)), outer, n, inner));
    }

    // ---- layout -----------------------------------------------------------------------------------------------

    @Override
    public Storage strided(Storage x, int offset, int[] strides, int[] outShape) {
        CpuStorage c = own(x);
        CpuStorage out = allocate(c.dtype(), Shapes.numel(outShape));
        LayoutKernels.strided(c.data, offset, strides, outShape, out.data, parallel);
        return out;
    }

    @Override
    public Storage concat(Storage[] parts, int outer, int[] widths) {
        Object[] arrays = new Object[parts.length];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            arrays[i] = own(parts[i]).data;
            total += widths[i];
        }
        CpuStorage out = allocate(parts[0].dtype(), outer * total);
        LayoutKernels.concat(arrays, outer, widths, out.data);
        return out;
    }

    @Override
    public Storage indexSelect(Storage x, int outer, int n, int inner, Storage index, int dim) {
        CpuStorage c = own(x);
        long[] idx = i64(index);
        CpuStorage out = allocate(c.dtype(), outer * idx.length * inner);
        LayoutKernels.indexSelect(c.data, outer, n, inner, idx, dim, out.data);
        return out;
    }

    @Override
    public Storage indexAdd(Storage src, int outer, int n, int inner, Storage index, int dim) {
        CpuStorage c = own(src);
        CpuStorage out = allocate(c.dtype(), outer * n * inner);
        LayoutKernels.indexAdd(c.data, outer, n, inner, i64(index), dim, out.data);
        return out;
    }

    @Override
    public Storage gather(Storage x, int[] xShape, int dim, Storage index, int[] indexShape) {
        CpuStorage c = own(x);
        int[] offsets = LayoutKernels.scatterOffsets("gather", xShape, dim, i64(index), indexShape);
        CpuStorage out = allocate(c.dtype(), offsets.length);
        LayoutKernels.take(c.data, offsets, out.data);
        return out;
    }

    @Override
    public Storage scatterAdd(Storage base, int[] baseShape, int dim, Storage index, int[] indexShape,
                              Storage src) {
        CpuStorage b = own(base);
        int[] offsets = LayoutKernels.scatterOffsets("scatterAdd", baseShape, dim, i64(index), indexShape);
        CpuStorage out = allocate(b.dtype(), b.size());
        System.arraycopy(b.data, 0, out.data, 0, b.size());
        LayoutKernels.addAt(own(src).data, offsets, out.data);
        return out;
    }

    @Override
    public Storage oneHot(Storage index, int classes, DType dtype) {
        long[] idx = i64(index);
        int[] positions = LayoutKernels.oneHotPositions(idx, classes);
        CpuStorage ones = (CpuStorage) full(dtype, positions.length, 1.0);
        CpuStorage out = allocate(dtype, idx.length * classes);
        LayoutKernels.addAt(ones.data, positions, out.data);
        return out;
    }

    // ---- linear algebra ---------------------------------------------------------------------------------------

    @Override
    public Storage matmul(Storage a, Storage b, MatmulPlan plan) {
        CpuStorage ca = own(a);
        if (ca.dtype() == DType.FLOAT32) {
            return CpuStorage.of(this, gemm.f32(f32(a), f32(b), plan, parallel));
        }
        return CpuStorage.of(this, gemm.f64(f64(a), f64(b), plan, parallel));
    }

    /** The bias goes into OpenBLAS's result buffer first and the product is added to it ({@code beta = 1}). */
    @Override
    public Storage matmulAddRow(Storage a, Storage b, Storage bias, MatmulPlan plan) {
        CpuStorage ca = own(a);
        if (ca.dtype() == DType.FLOAT32 && gemm.addsRowNatively(plan)) {
            return CpuStorage.of(this, gemm.f32AddRow(f32(a), f32(b), f32(bias), plan));
        }
        return Backend.super.matmulAddRow(a, b, bias, plan);
    }

    @Override
    public Storage cholesky(Storage a, int batch, int n) {
        return Casts.fromDoubles(this, Factorizations.cholesky(toDoubles(a), batch, n), a.dtype());
    }

    @Override
    public Storage solveTriangular(Storage a, Storage b, MatmulPlan plan, boolean upper) {
        return Casts.fromDoubles(this, Factorizations.solveTriangular(toDoubles(a), toDoubles(b), plan, upper),
                a.dtype());
    }

    // ---- neural-network kernels --------------------------------------------------------------------------------

    @Override
    public Storage conv2d(Storage input, Storage weight, Conv2dPlan plan) {
        if (own(input).dtype() == DType.FLOAT32) {
            return CpuStorage.of(this, conv.forward(ConvPrecision.F32, f32(input), f32(weight), plan));
        }
        return CpuStorage.of(this, conv.forward(ConvPrecision.F64, f64(input), f64(weight), plan));
    }

    @Override
    public Storage conv2dInputGrad(Storage gradOutput, Storage weight, Conv2dPlan plan) {
        if (own(gradOutput).dtype() == DType.FLOAT32) {
            return CpuStorage.of(this, conv.inputGrad(ConvPrecision.F32, f32(gradOutput), f32(weight), plan));
        }
        return CpuStorage.of(this, conv.inputGrad(ConvPrecision.F64, f64(gradOutput), f64(weight), plan));
    }

    @Override
    public Storage conv2dWeightGrad(Storage input, Storage gradOutput, Conv2dPlan plan) {
        if (own(input).dtype() == DType.FLOAT32) {
            return CpuStorage.of(this, conv.weightGrad(ConvPrecision.F32, f32(input), f32(gradOutput), plan));
        }
        return CpuStorage.of(this, conv.weightGrad(ConvPrecision.F64, f64(input), f64(gradOutput), plan));
    }

    @Override
    public Storage maxPool2dIndices(Storage input, int planes, WindowAxis height, WindowAxis width) {
        double[] x = toDoubles(input);
        long[] out = new long[planes * height.outSize() * width.outSize()];
        long cost = (long) height.outSize() * width.outSize() * height.kernel() * width.kernel();
        parallel.forRange(planes, cost, (from, to) -> PoolKernels.maxIndices(x, height, width, out, from, to));
        return CpuStorage.of(this, out);
    }

    @Override
    public Storage avgPool2d(Storage input, int planes, WindowAxis height, WindowAxis width,
                             boolean countIncludePad) {
        requireUndilated(height, width);
        double[] x = toDoubles(input);
        double[] y = new double[planes * height.outSize() * width.outSize()];
        long cost = (long) height.outSize() * width.outSize() * height.kernel() * width.kernel();
        parallel.forRange(planes, cost, (from, to) ->
                PoolKernels.average(x, y, height, width, countIncludePad, false, from, to));
        return Casts.fromDoubles(this, y, input.dtype());
    }

    @Override
    public Storage avgPool2dAdjoint(Storage gradOutput, int planes, WindowAxis height, WindowAxis width,
                                    boolean countIncludePad) {
        requireUndilated(height, width);
        double[] g = toDoubles(gradOutput);
        double[] x = new double[planes * height.size() * width.size()];
        long cost = (long) height.outSize() * width.outSize() * height.kernel() * width.kernel();
        parallel.forRange(planes, cost, (from, to) ->
                PoolKernels.average(x, g, height, width, countIncludePad, true, from, to));
        return Casts.fromDoubles(this, x, gradOutput.dtype());
    }

    private static void requireUndilated(WindowAxis height, WindowAxis width) {
        if (height.dilation() != 1 || width.dilation() != 1) {
            throw new IllegalArgumentException("cpu: average pooling has no dilation, got " + height + " and "
                    + width);
        }
    }

    // ---- random -----------------------------------------------------------------------------------------------

    @Override
    public Storage uniform(RandomStream stream, int size, DType dtype) {
        if (dtype == DType.FLOAT32) {
            float[] o = new float[size];
            parallel.forRange(size, 8, (from, to) -> Samplers.uniformF32(stream, o, from, to));
            return CpuStorage.of(this, o);
        }
        double[] o = new double[size];
        parallel.forRange(size, 8, (from, to) -> Samplers.uniformF64(stream, o, from, to));
        return CpuStorage.of(this, o);
    }

    @Override
    public Storage normal(RandomStream stream, int size, DType dtype) {
        double[] o = new double[size];
        parallel.forRange(size, 32, (from, to) -> Samplers.normal(stream, o, from, to));
        return Casts.fromDoubles(this, o, dtype);
    }

    @Override
    public Storage gamma(RandomStream stream, Storage alpha) {
        return perElement(stream, alpha, (d, x, i) -> Samplers.gamma(d, x[i]));
    }

    @Override
    public Storage standardGammaGrad(Storage x, Storage alpha) {
        double[] xs = toDoubles(x);
        double[] as = toDoubles(alpha);
        double[] o = new double[xs.length];
        parallel.forRange(xs.length, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                o[i] = GammaGradient.dxdAlpha(xs[i], as[i]);
            }
        });
        return Casts.fromDoubles(this, o, x.dtype());
    }

    @Override
    public Storage beta(RandomStream stream, Storage a, Storage b) {
        double[] bs = toDoubles(b);
        return perElement(stream, a, (d, as, i) -> Samplers.beta(d, as[i], bs[i]));
    }

    @Override
    public Storage poisson(RandomStream stream, Storage rate) {
        return perElement(stream, rate, (d, x, i) -> Samplers.poisson(d, x[i]));
    }

    @Override
    public Storage binomial(RandomStream stream, Storage count, Storage prob) {
        double[] n = toDoubles(count);
        return perElement(stream, prob, (d, p, i) -> Samplers.binomial(d, n[i], p[i]));
    }

    @Override
    public Storage bernoulli(RandomStream stream, Storage prob) {
        return perElement(stream, prob, (d, p, i) -> d.uniform() < p[i] ? 1.0 : 0.0);
    }

    @Override
    public Storage permutation(RandomStream stream, int n) {
        return CpuStorage.of(this, Samplers.permutation(new Samplers.Draws(stream).element(0), n));
    }

    @Override
    public Storage categorical(RandomStream stream, Storage probs, int rows, int categories) {
        double[] w = toDoubles(probs);
        long[] o = new long[rows];
        parallel.forRange(rows, 8L * categories, (from, to) -> {
            Samplers.Draws d = new Samplers.Draws(stream);
            for (int r = from; r < to; r++) {
                o[r] = Samplers.categorical(d.element(r), w, r * categories, categories);
            }
        });
        return CpuStorage.of(this, o);
    }

    /** One variate per element of a floating parameter storage, in the parameter's type. */
    private Storage perElement(RandomStream stream, Storage param, ElementSampler sampler) {
        double[] x = toDoubles(param);
        double[] o = new double[x.length];
        parallel.forRange(x.length, 64, (from, to) -> {
            Samplers.Draws d = new Samplers.Draws(stream);
            for (int i = from; i < to; i++) {
                o[i] = sampler.sample(d.element(i), x, i);
            }
        });
        return Casts.fromDoubles(this, o, param.dtype());
    }

    @FunctionalInterface
    private interface ElementSampler {
        double sample(Samplers.Draws draws, double[] params, int i);
    }
}
