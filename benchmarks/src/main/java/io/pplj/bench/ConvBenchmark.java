package io.pplj.bench;

import io.pplj.tensor.Backend;
import io.pplj.tensor.Backends;
import io.pplj.tensor.Conv2dPlan;
import io.pplj.tensor.Storage;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import io.pplj.tensor.WindowAxis;
import io.pplj.tensor.cpu.CpuBackend;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The convolutions of workload w5 (batch 64, kernel 4, stride 2, padding 1, float32, two threads): the encoder's
 * {@code conv1} 3→32 on 64×64, {@code conv2} 32→64 on 32×32, {@code conv3} 64→128 on 16×16. The decoder's transposed
 * convolutions 128→64, 64→32 and 32→3 are the adjoints of conv3, conv2 and conv1, so they run the same three kernels
 * with the roles swapped: a transposed convolution's forward is {@code inputGrad}, its backward {@code forward} plus
 * {@code weightGrad}.
 *
 * <p>Our kernels (im2col plus OpenBLAS sgemm, called through the {@link Backend} interface) against ND4J 1.0.0-M2.1's
 * libnd4j ops {@code conv2d}, {@code conv2d_bp} (both gradients: twice the work) and {@code deconv2d} on the same
 * shapes (NCHW, weights in PyTorch's layouts). Multiply-adds per kernel call: conv1 100.7 M, conv2 536.9 M, conv3
 * 536.9 M; GFLOP/s = 2 · multiply-adds / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=2")
public class ConvBenchmark {

    static final int BATCH = 64;

    /** Input channels, output channels, input size. */
    @Param({"conv1", "conv2", "conv3"})
    public String layer;

    private ThreadScope scope;
    private Backend backend;
    private Conv2dPlan plan;
    private Storage x;
    private Storage w;
    private Storage g;
    private INDArray nx;
    private INDArray nw;
    private INDArray ng;
    private INDArray nwDeconv;

    @Setup
    public void setUp() {
        int[] geometry = switch (layer) {
            case "conv1" -> new int[] {3, 32, 64};
            case "conv2" -> new int[] {32, 64, 32};
            case "conv3" -> new int[] {64, 128, 16};
            default -> throw new IllegalArgumentException("unknown layer " + layer);
        };
        int c = geometry[0];
        int o = geometry[1];
        int size = geometry[2];
        backend = CpuBackend.withThreads(2);
        scope = Backends.use(backend);
        WindowAxis axis = WindowAxis.of(size, 4, 2, 1, 1, size / 2);
        plan = Conv2dPlan.of(BATCH, c, o, 1, axis, axis);
        Tensor tx = Tensor.rand(BATCH, c, size, size);
        Tensor tw = Tensor.rand(o, c, 4, 4).sub(0.5);
        Tensor tg = Tensor.rand(BATCH, o, size / 2, size / 2);
        x = tx.storage();
        w = tw.storage();
        g = tg.storage();
        nx = Nd4j.create(tx.toFloatArray(), new long[] {BATCH, c, size, size}, 'c');
        nw = Nd4j.create(tw.toFloatArray(), new long[] {o, c, 4, 4}, 'c');
        ng = Nd4j.create(tg.toFloatArray(), new long[] {BATCH, o, size / 2, size / 2}, 'c');
        nwDeconv = nw.dup();
    }

    @TearDown
    public void tearDown() {
        scope.close();
    }

    @Benchmark
    public Storage forward() {
        return backend.conv2d(x, w, plan);
    }

    @Benchmark
    public Storage inputGrad() {
        return backend.conv2dInputGrad(g, w, plan);
    }

    @Benchmark
    public Storage weightGrad() {
        return backend.conv2dWeightGrad(x, g, plan);
    }

    /** libnd4j conv2d, NCHW, weights [O, C, kH, kW] (weight format 1). */
    @Benchmark
    public INDArray[] nd4jConv2d() {
        return Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(nx, nw)
                .addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0, 1).build());
    }

    /** libnd4j conv2d_bp: input and weight gradients in one call (twice a kernel's work). */
    @Benchmark
    public INDArray[] nd4jConv2dBackprop() {
        return Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(nx, nw, ng)
                .addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0, 1).build());
    }

    /** libnd4j deconv2d (the transposed convolution from g's shape to x's), weights [C_in, C_out, kH, kW]. */
    @Benchmark
    public INDArray[] nd4jDeconv2d() {
        return Nd4j.exec(DynamicCustomOp.builder("deconv2d").addInputs(ng, nwDeconv)
                .addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0, 1).build());
    }
}
