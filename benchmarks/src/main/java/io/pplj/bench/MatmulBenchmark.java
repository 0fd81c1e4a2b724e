package io.pplj.bench;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import io.pplj.tensor.Backends;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import io.pplj.tensor.cpu.CpuBackend;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 256×784×400 float32 product (0.1606 GFLOP per call; GFLOP/s = 160.6 / score in µs) on two threads, through
 * the Tensor API and through the alternatives it was chosen against: OpenBLAS on Java arrays (JavaCPP copies them
 * on each call), OpenBLAS on native buffers (the ceiling), and ND4J's mmul (fresh result, and into a preallocated
 * f-order result).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=2")
public class MatmulBenchmark {

    static final int M = 256;
    static final int K = 784;
    static final int N = 400;

    private Tensor a;
    private Tensor b;
    private float[] fa;
    private float[] fb;
    private float[] fc;
    private FloatPointer pa;
    private FloatPointer pb;
    private FloatPointer pc;
    private INDArray na;
    private INDArray nb;
    private INDArray nc;
    private ThreadScope scope;

    @Setup
    public void setUp() {
        scope = Backends.use(CpuBackend.withThreads(2));
        a = Tensor.rand(M, K);
        b = Tensor.rand(K, N);
        fa = a.toFloatArray();
        fb = b.toFloatArray();
        fc = new float[M * N];
        pa = new FloatPointer(fa);
        pb = new FloatPointer(fb);
        pc = new FloatPointer(M * N);
        na = Nd4j.create(fa, new long[] {M, K}, 'c');
        nb = Nd4j.create(fb, new long[] {K, N}, 'c');
        nc = Nd4j.create(DataType.FLOAT, new long[] {M, N}, 'f');
    }

    @TearDown
    public void tearDown() {
        scope.close();
        pa.close();
        pb.close();
        pc.close();
    }

    @Benchmark
    public Tensor tensorMatmul() {
        return a.matmul(b);
    }

    @Benchmark
    public float[] openblasJavaArrays() {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1f, fa, K, fb, N, 0f, fc, N);
        return fc;
    }

    @Benchmark
    public FloatPointer openblasNativeBuffers() {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1f, pa, K, pb, N, 0f, pc, N);
        return pc;
    }

    @Benchmark
    public INDArray nd4jMmul() {
        return na.mmul(nb);
    }

    @Benchmark
    public INDArray nd4jMmulInto() {
        return na.mmul(nb, nc);
    }
}
