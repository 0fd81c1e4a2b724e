package io.pplj.nn.examples;

import io.pplj.infer.SVI;
import io.pplj.infer.TraceElbo;
import io.pplj.infer.optim.Adam;
import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains {@link MlpVae} with SVI on {@link SyntheticShapes} and writes a PNG grid: the first row shows eight
 * training images, each following row their reconstructions at a checkpoint (before training, then evenly spaced),
 * so the grid shows reconstructions improving.
 *
 * <p>Run as a program (defaults: 8192 images of 16x16, 3000 steps of minibatch 128, {@code vae-shapes.png}):
 * <pre>{@code
 * ./mvnw -B -o -q -pl ppl-nn -am process-test-classes -Pvae-example -Dvae.args="8192 3000 vae-shapes.png"
 * }</pre>
 */
public final class VaeExample {

    /** What a training run reached. */
    record Result(double[] elboPerImage, double finalElboPerImage, double baselinePerImage, List<Double> errors) {
    }

    private VaeExample() {
    }

    /**
     * Trains a VAE with {@code hidden} units per hidden layer on {@code images} shapes of {@code size x size} pixels for {@code steps} SVI steps of minibatch
     * {@code batch}, records {@code checkpoints + 1} rows of reconstructions into {@code png}, and returns the ELBO
     * trace, the final ELBO per image on all the data (average of 10 estimates), the per-pixel independent-Bernoulli
     * baseline (the best log-likelihood without any latent structure) and the mean squared reconstruction error at
     * each checkpoint.
     */
    @SuppressWarnings("try")
    static Result train(long seed, int images, int size, int hidden, int steps, int batch, int checkpoints, Path png)
            throws IOException {
        Rng.seed(seed);
        Tensor data = SyntheticShapes.draw(images, size, Rng.current()).reshape(images, size * size);
        Tensor shown = data.slice(0, 0, 8);
        MlpVae vae = new MlpVae(size * size, hidden, 8);
        List<Tensor> rows = new ArrayList<>();
        rows.add(shown.reshape(8, size, size));
        List<Double> errors = new ArrayList<>();
        double[] elbo = new double[steps];
        try (ParamStore store = ParamStore.open()) {
            SVI<Tensor> svi = SVI.of(vae.model(), vae.guide(), Adam.of(1e-3), new TraceElbo());
            int every = steps / checkpoints;
            for (int step = 0; step <= steps; step++) {
                if (step % every == 0) {
                    try (ThreadScope off = Grad.noGrad()) {
                        Tensor recon = vae.reconstruct(shown);
                        rows.add(recon.reshape(8, size, size));
                        errors.add(recon.sub(shown).square().mean().item());
                    }
                }
                if (step == steps) {
                    break;
                }
                Tensor idx = Rng.current().permutation(images).slice(0, 0, batch);
                elbo[step] = -svi.step(data.indexSelect(0, idx)) / batch;
            }
            double total = 0;
            for (int k = 0; k < 10; k++) {
                total += -svi.evaluateLoss(data) / images;
            }
            ImageGrid.write(png, rows, 4);
            return new Result(elbo, total / 10, baseline(data), errors);
        }
    }

    /** The log-likelihood per image of independent Bernoulli pixels at their empirical rates. */
    private static double baseline(Tensor data) {
        Tensor p = data.mean(0).clamp(1e-6, 1 - 1e-6);
        Tensor perPixel = data.mul(p.log()).add(data.rsub(1.0).mul(p.rsub(1.0).log()));
        return perPixel.sum().item() / data.size(0);
    }

    /** Runs the example: {@code [images [steps [png]]]}. */
    public static void main(String[] args) throws IOException {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        Path png = Path.of(args.length > 2 ? args[2] : "vae-shapes.png");
        long start = System.nanoTime();
        Result r = train(1, images, 16, 256, steps, 128, 6, png);
        System.out.printf(Locale.ROOT, "trained %d steps in %.1f s%n", steps, (System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "ELBO per image: %.2f nats (independent-pixel baseline %.2f)%n",
                r.finalElboPerImage(), r.baselinePerImage());
        System.out.printf(Locale.ROOT, "reconstruction error by checkpoint: %s%n", r.errors());
        System.out.println("wrote " + png.toAbsolutePath());
    }
}
