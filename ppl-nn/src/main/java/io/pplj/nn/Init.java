package io.pplj.nn;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A weight-initialization scheme: Deeplearning4j's {@link IWeightInit} implementations, seeded by the runtime's
 * {@link Rng} so that the same seed gives the same initial weights. Each draw seeds ND4J's generator of the calling
 * thread with a value taken from the PPL-J generator, lets the DL4J scheme fill an ND4J array, and copies it into a
 * tensor (this needs an ND4J backend, {@code nd4j-native}, on the class path).
 *
 * <p>With {@code n_in} and {@code n_out} the fan-in and fan-out of the weight (for a linear layer its input and
 * output sizes; for a convolution multiplied by the kernel area):
 * <ul>
 *   <li>{@link #pytorchDefault()}: {@code U(-1/sqrt(n_in), 1/sqrt(n_in))}, DL4J's {@code UNIFORM}; this is
 *       PyTorch's default for {@code Linear} and {@code Conv2d} weights (Kaiming-uniform with {@code a = sqrt(5)}) and
 *       biases, and the default of every layer here;</li>
 *   <li>{@link #xavier()}: {@code N(0, 2/(n_in+n_out))}; {@link #xavierUniform()}: {@code U(-s, s)},
 *       {@code s = sqrt(6/(n_in+n_out))} (Glorot and Bengio);</li>
 *   <li>{@link #he()}: {@code N(0, 2/n_in)}; {@link #heUniform()}: {@code U(-s, s)}, {@code s = sqrt(6/n_in)}
 *       (He et al., for ReLU networks; DL4J's {@code RELU} and {@code RELU_UNIFORM});</li>
 *   <li>{@link #normal()}: {@code N(0, 1/n_in)} (DL4J's {@code NORMAL}); {@link #normal(double, double)} and
 *       {@link #uniform(double, double)}: fixed distributions; {@link #constant(double)}, {@link #zeros()},
 *       {@link #ones()};</li>
 *   <li>{@link #of(WeightInit)} and {@link #of(IWeightInit)}: any other DL4J scheme.</li>
 * </ul>
 */
public final class Init {

    private final String name;
    private final IWeightInit scheme;

    private Init(String name, IWeightInit scheme) {
        this.name = name;
        this.scheme = scheme;
    }

    /** A DL4J scheme given by its enum constant (not {@code DISTRIBUTION}: use {@link #of(IWeightInit)}). */
    public static Init of(WeightInit scheme) {
        if (scheme == WeightInit.DISTRIBUTION) {
            throw new IllegalArgumentException("Init.of: WeightInit.DISTRIBUTION needs a distribution; use"
                    + " Init.of(new WeightInitDistribution(dist)), Init.normal(mean, std) or Init.uniform(lo, hi)");
        }
        return new Init(scheme.name(), scheme.getWeightInitFunction());
    }

    /** Any DL4J weight-initialization function. */
    public static Init of(IWeightInit scheme) {
        return new Init(scheme.toString(), scheme);
    }

    /** PyTorch's default for linear and convolution layers: {@code U(-1/sqrt(n_in), 1/sqrt(n_in))}. */
    public static Init pytorchDefault() {
        return new Init("pytorchDefault", WeightInit.UNIFORM.getWeightInitFunction());
    }

    /** Xavier (Glorot) normal: {@code N(0, 2/(n_in+n_out))}. */
    public static Init xavier() {
        return of(WeightInit.XAVIER);
    }

    /** Xavier (Glorot) uniform: {@code U(-s, s)} with {@code s = sqrt(6/(n_in+n_out))}. */
    public static Init xavierUniform() {
        return of(WeightInit.XAVIER_UNIFORM);
    }

    /** He (Kaiming) normal for ReLU networks: {@code N(0, 2/n_in)}. */
    public static Init he() {
        return of(WeightInit.RELU);
    }

    /** He (Kaiming) uniform for ReLU networks: {@code U(-s, s)} with {@code s = sqrt(6/n_in)}. */
    public static Init heUniform() {
        return of(WeightInit.RELU_UNIFORM);
    }

    /** Fan-in scaled normal: {@code N(0, 1/n_in)}. */
    public static Init normal() {
        return of(WeightInit.NORMAL);
    }

    /** A fixed normal distribution {@code N(mean, std^2)}. */
    public static Init normal(double mean, double std) {
        if (!(std > 0) || !Double.isFinite(mean) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("Init.normal: need a finite mean and a positive finite std, got mean "
                    + mean + ", std " + std);
        }
        return new Init("normal(" + mean + ", " + std + ")",
                new WeightInitDistribution(new NormalDistribution(mean, std)));
    }

    /** A fixed uniform distribution on {@code [lower, upper)}. */
    public static Init uniform(double lower, double upper) {
        if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("Init.uniform: need finite bounds with lower < upper, got [" + lower
                    + ", " + upper + ")");
        }
        return new Init("uniform(" + lower + ", " + upper + ")",
                new WeightInitDistribution(new UniformDistribution(lower, upper)));
    }

    /** Every entry {@code value}. */
    public static Init constant(double value) {
        return new Init("constant(" + value + ")", new WeightInitConstant(value));
    }

    /** Every entry 0. */
    public static Init zeros() {
        return constant(0.0);
    }

    /** Every entry 1. */
    public static Init ones() {
        return constant(1.0);
    }

    /** The DL4J function behind this scheme. */
    public IWeightInit scheme() {
        return scheme;
    }

    /** Initial values from this thread's current generator ({@link Rng#current()}). */
    public Tensor sample(double fanIn, double fanOut, DType dtype, int... shape) {
        return sample(Rng.current(), fanIn, fanOut, dtype, shape);
    }

    /**
     * Initial values of the given shape and floating type, drawn with {@code rng}: the same generator state gives
     * the same values.
     *
     * @param fanIn the number of inputs feeding each output unit (kernel area included)
     * @param fanOut the number of outputs each input unit feeds (DL4J divides a convolution's by its stride area, so
     *     it need not be whole)
     * @throws IllegalArgumentException for a fan that is not positive and finite, an empty or negative shape, or a
     *     non-floating type
     */
    public Tensor sample(Rng rng, double fanIn, double fanOut, DType dtype, int... shape) {
        if (!(fanIn > 0) || !(fanOut > 0) || Double.isInfinite(fanIn) || Double.isInfinite(fanOut)) {
            throw new IllegalArgumentException("Init " + name + ": fan-in " + fanIn + " and fan-out " + fanOut
                    + " must be positive (shape " + Arrays.toString(shape) + ")");
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("Init " + name + ": dtype must be floating, got " + dtype);
        }
        long[] lshape = new long[shape.length];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new IllegalArgumentException("Init " + name + ": shape " + Arrays.toString(shape)
                        + " must have positive sizes");
            }
            lshape[i] = shape[i];
            n *= shape[i];
        }
        INDArray view = Nd4j.create(dtype == DType.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT, 1, n);
        Nd4j.getRandom().setSeed(rng.nextLong());
        INDArray values = scheme.init(fanIn, fanOut, lshape, 'c', view);
        return Tensor.fromINDArray(values.reshape('c', lshape));
    }

    @Override
    public String toString() {
        return "Init[" + name + "]";
    }
}
