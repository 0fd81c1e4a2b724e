package io.pplj.infer;

import io.pplj.infer.optim.Optimizer;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Stochastic variational inference: fits a guide's parameters (and the model's) by following stochastic gradients
 * of an ELBO.
 *
 * <pre>{@code
 * try (ParamStore store = ParamStore.open()) {
 *     SVI<Tensor> svi = SVI.of(model, guide, Adam.of(0.01), new TraceElbo());
 *     svi.run(data, 2000);
 *     double loc = store.get("loc").item();
 * }
 * }</pre>
 *
 * <p>Each {@link #step} estimates the ELBO, differentiates its surrogate with respect to the unconstrained values of
 * every parameter the model and guide read (in the thread's current {@link ParamStore}), and lets the optimizer
 * update them. A NaN or infinite loss stops with a {@link NonFiniteLossException} naming the step and the sites whose
 * log-probability was not finite.
 *
 * @param <A> the input type of model and guide
 */
public final class SVI<A> {

    private final Model<A, ?> model;
    private final Model<A, ?> guide;
    private final Optimizer optimizer;
    private final Elbo elbo;
    private int steps;

    private SVI(Model<A, ?> model, Model<A, ?> guide, Optimizer optimizer, Elbo elbo) {
        this.model = model;
        this.guide = guide;
        this.optimizer = optimizer;
        this.elbo = elbo;
    }

    /** SVI of {@code model} with {@code guide}, updating parameters with {@code optimizer} on {@code elbo}. */
    public static <A> SVI<A> of(Model<A, ?> model, Model<A, ?> guide, Optimizer optimizer, Elbo elbo) {
        return new SVI<>(model, guide, optimizer, elbo);
    }

    /** The number of steps taken. */
    public int steps() {
        return steps;
    }

    /**
     * One gradient step: returns the loss (negative ELBO estimate) before the update.
     *
     * @throws NonFiniteLossException if the loss is NaN or infinite
     */
    @SuppressWarnings("try")
    public double step(A input) {
        ParamCapture capture = new ParamCapture();
        ElboEstimate estimate;
        try (Messenger active = capture.enter()) {
            estimate = elbo.estimate(model, guide, input);
        }
        steps++;
        if (!Double.isFinite(estimate.loss())) {
            throw new NonFiniteLossException(describeNonFinite(estimate));
        }
        ParamStore store = ParamStore.current();
        List<String> names = new ArrayList<>();
        for (String n : capture.names()) {
            if (store.contains(n) && store.unconstrained(n).requiresGrad()) {
                names.add(n);
            }
        }
        if (!names.isEmpty() && estimate.surrogateLoss().requiresGrad()) {
            Tensor[] leaves = new Tensor[names.size()];
            for (int i = 0; i < leaves.length; i++) {
                leaves[i] = store.unconstrained(names.get(i));
            }
            Tensor[] grads = Grad.of(estimate.surrogateLoss(), leaves);
            Map<String, Tensor> byName = new LinkedHashMap<>();
            for (int i = 0; i < leaves.length; i++) {
                byName.put(names.get(i), grads[i]);
            }
            optimizer.step(store, byName);
        }
        return estimate.loss();
    }

    /** The loss (negative ELBO estimate) without updating anything. */
    public double evaluateLoss(A input) {
        return elbo.estimate(model, guide, input).loss();
    }

    /**
     * Takes {@code n} steps and returns their losses. A console progress bar (loss, steps per second, ETA) shows
     * when the JVM is attached to a terminal; otherwise it stays quiet.
     */
    public double[] run(A input, int n) {
        double[] losses = new double[n];
        if (System.console() == null) {
            for (int i = 0; i < n; i++) {
                losses[i] = step(input);
            }
            return losses;
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("SVI").setInitialMax(n)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().build()) {
            for (int i = 0; i < n; i++) {
                losses[i] = step(input);
                bar.step();
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4g", losses[i]));
            }
        }
        return losses;
    }

    private String describeNonFinite(ElboEstimate e) {
        List<String> bad = new ArrayList<>();
        collect(bad, e.modelTraces(), "model");
        collect(bad, e.guideTraces(), "guide");
        return "SVI step " + steps + ": the loss is " + e.loss() + (bad.isEmpty()
                ? " (every site's log-probability is finite)" : "; sites with non-finite log-probability: "
                + String.join(", ", bad));
    }

    private static void collect(List<String> out, List<Trace> traces, String role) {
        for (Trace t : traces) {
            for (Site s : t.sampleSites()) {
                double v = s.logProbSum().item();
                String label = "'" + s.name() + "' (" + role + ", " + v + ")";
                if (!Double.isFinite(v) && !out.contains(label)) {
                    out.add(label);
                }
            }
        }
    }
}
