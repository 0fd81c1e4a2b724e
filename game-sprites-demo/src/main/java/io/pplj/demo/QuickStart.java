package io.pplj.demo;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Normal;
import io.pplj.infer.SVI;
import io.pplj.infer.TraceElbo;
import io.pplj.infer.autoguide.AutoNormal;
import io.pplj.infer.optim.Adam;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The quick start: draws a data set from a Bayesian logistic regression with known coefficients, then fits the
 * posterior of the coefficients and the intercept by stochastic variational inference,
 *
 * <pre>
 * w ~ Normal(0, I₃),  b ~ Normal(0, 1),  y_i ~ Bernoulli(sigmoid(x_i · w + b))  for i in plate "data",
 * </pre>
 *
 * with an {@link AutoNormal} guide, {@link TraceElbo} and Adam, and prints the posterior medians and 95 % intervals
 * next to the true values, and the training accuracy of the posterior median.
 */
public final class QuickStart {

    private static final double[] TRUE_W = {1.5, -2.0, 0.5};
    private static final double TRUE_B = 0.3;

    private QuickStart() {
    }

    /**
     * Runs the example.
     *
     * @param args optional: the number of data points (default 2000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].trim()) : 2000;
        run(n, 2000, System.out);
    }

    /**
     * Fits the model to {@code n} simulated points with {@code steps} SVI steps, printing to {@code out}.
     *
     * @return the posterior medians: {@code "w"} (3 coefficients) and {@code "b"}, and {@code "accuracy"}
     */
    @SuppressWarnings("try")
    static Map<String, Tensor> run(int n, int steps, PrintStream out) {
        Rng.seed(2026);
        Tensor x = Tensor.randn(n, 3);
        Tensor y = Rng.current().bernoulli(x.matmul(Tensor.of(TRUE_W)).add(TRUE_B).sigmoid());
        Model<Tensor, Void> model = Model.of(labels -> {
            Tensor w = sample("w", Normal.of(Tensor.zeros(3), Tensor.ones(3)).toEvent(1));
            Tensor b = sample("b", Normal.of(0.0, 1.0));
            try (Plate data = plate("data", n)) {
                observe("y", Bernoulli.ofLogits(x.matmul(w).add(b)), labels);
            }
        });
        AutoNormal<Tensor> guide = AutoNormal.of(model);
        Map<String, Tensor> median;
        Map<String, Tensor> low;
        Map<String, Tensor> high;
        try (ParamStore store = ParamStore.open()) {
            double[] losses = SVI.of(model, guide, Adam.of(0.02), new TraceElbo()).run(y, steps);
            out.printf(Locale.ROOT, "SVI: %d steps, loss (-ELBO) %.1f -> %.1f%n", steps, losses[0],
                    losses[losses.length - 1]);
            median = guide.median(y);
            low = guide.quantile(0.025, y);
            high = guide.quantile(0.975, y);
        }
        double[] wMed = median.get("w").toDoubleArray();
        double[] wLow = low.get("w").toDoubleArray();
        double[] wHigh = high.get("w").toDoubleArray();
        for (int i = 0; i < TRUE_W.length; i++) {
            out.printf(Locale.ROOT, "w[%d]  true %5.2f   posterior median %5.2f   95%% interval [%5.2f, %5.2f]%n", i,
                    TRUE_W[i], wMed[i], wLow[i], wHigh[i]);
        }
        out.printf(Locale.ROOT, "b     true %5.2f   posterior median %5.2f   95%% interval [%5.2f, %5.2f]%n", TRUE_B,
                median.get("b").item(), low.get("b").item(), high.get("b").item());
        Tensor predicted = x.matmul(median.get("w")).add(median.get("b")).gt(0.0).asType(y.dtype());
        Tensor accuracy = predicted.eq(y).asType(y.dtype()).mean();
        out.printf(Locale.ROOT, "training accuracy of the posterior median: %.1f%% on %d points%n",
                100 * accuracy.item(), n);
        return Map.of("w", median.get("w"), "b", median.get("b"), "accuracy", accuracy);
    }
}
