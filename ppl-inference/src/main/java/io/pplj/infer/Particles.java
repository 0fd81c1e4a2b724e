package io.pplj.infer;

import io.pplj.runtime.Frame;
import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.runtime.Ppl;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How an ELBO draws its particles, shared by the three ELBOs: {@code count} sequential runs of guide and model, or
 * (vectorized, Pyro's {@code vectorize_particles}) one run of each inside an outer plate {@value #PLATE} of size
 * {@code count} on the dimension {@code -(maxPlateNesting + 1)}, left of every plate they use.
 *
 * <p>Each particle function returns the ELBO and surrogate ELBO of the traces it is given, summed over everything in
 * them; vectorized, that sum runs over the particle plate too, so dividing by {@code count} gives the mean over
 * particles either way. Inside the particle plate every site carries the particle frame, so score-function costs
 * ({@link LogRatios#sumTo}) stay per particle.
 *
 * <p>{@code maxPlateNesting} is found, as Pyro's guess does, by running guide and model once without the particle
 * plate: the deepest vectorized plate dimension of their sample sites, or a site's batch rank where it is larger
 * (batch dimensions outside plates then stay right of the particles). It is kept for the last model and guide seen.
 */
final class Particles {

    /** The name of the particle plate. */
    static final String PLATE = "__particles";

    private record Nesting(Model<?, ?> model, Model<?, ?> guide, int depth) {
    }

    /** One run's ELBO and surrogate ELBO, each summed over the sites (and over the particle plate when vectorized). */
    record Sum(double elbo, Tensor surrogate) {
    }

    private final String elboName;
    private final int count;
    private final boolean vectorized;
    private volatile Nesting nesting;

    private Particles(String elboName, int count, boolean vectorized) {
        this.elboName = elboName;
        this.count = count;
        this.vectorized = vectorized;
    }

    /**
     * @throws IllegalArgumentException if {@code count < 1}
     */
    static Particles of(String elboName, int count, boolean vectorized) {
        if (count < 1) {
            throw new IllegalArgumentException(elboName + ": numParticles " + count + " must be at least 1");
        }
        return new Particles(elboName, count, vectorized);
    }

    /** The same particle count, vectorized. */
    Particles vectorize() {
        return new Particles(elboName, count, true);
    }

    int count() {
        return count;
    }

    boolean vectorized() {
        return vectorized;
    }

    /**
     * The estimate: {@code run} traces guide and model (under the particle plate when vectorized), {@code sum}
     * scores a run; loss and surrogate loss are the negated means over particles.
     */
    @SuppressWarnings("try")
    ElboEstimate estimate(Model<?, ?> model, Model<?, ?> guide, Supplier<ElboTraces> run,
                          Function<ElboTraces, Sum> sum) {
        List<Trace> modelTraces = new ArrayList<>();
        List<Trace> guideTraces = new ArrayList<>();
        double elbo = 0;
        Tensor surrogate = null;
        int runs = vectorized ? 1 : count;
        for (int p = 0; p < runs; p++) {
            ElboTraces t;
            Sum s;
            if (vectorized) {
                int dim = -(depth(model, guide, run) + 1);
                LastSite last = new LastSite();
                try {
                    try (Plate plate = Ppl.plate(PLATE, count, count, dim); Messenger tracker = last.enter()) {
                        t = run.get();
                    }
                    s = sum.apply(t);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw notVectorizable(e, dim, last.name);
                }
            } else {
                t = run.get();
                s = sum.apply(t);
            }
            modelTraces.add(t.model());
            guideTraces.add(t.guide());
            elbo += s.elbo();
            surrogate = surrogate == null ? s.surrogate() : surrogate.add(s.surrogate());
        }
        return new ElboEstimate(-elbo / count, surrogate.div(-count), modelTraces, guideTraces);
    }

    private int depth(Model<?, ?> model, Model<?, ?> guide, Supplier<ElboTraces> run) {
        Nesting known = nesting;
        if (known != null && known.model() == model && known.guide() == guide) {
            return known.depth();
        }
        ElboTraces t = run.get();
        int depth = Math.max(depth(t.model()), depth(t.guide()));
        nesting = new Nesting(model, guide, depth);
        return depth;
    }

    private static int depth(Trace trace) {
        int depth = 0;
        for (Site s : trace.sampleSites()) {
            depth = Math.max(depth, s.distribution().batchShape().length);
            for (Frame f : s.frames()) {
                if (f.vectorized()) {
                    depth = Math.max(depth, -f.dim());
                }
            }
        }
        return depth;
    }

    private IllegalArgumentException notVectorizable(RuntimeException e, int dim, String site) {
        return new IllegalArgumentException(elboName + " with vectorized particles: the guide or the model failed "
                + (site == null ? "before its first site" : "at or after site '" + site + "'") + " inside the"
                + " particle plate '" + PLATE + "' (size " + count + ", dim " + dim + "): " + e.getMessage()
                + ". Vectorized particles need every site to broadcast against a batch dimension left of the model's"
                + " plates (reduce over explicit dimensions from the right, e.g. sum(-1), never over everything);"
                + " otherwise use the sequential form, new " + elboName + "(" + count + ")", e);
    }

    /** Remembers the name of the last site the guide or model reached, for error messages. */
    private static final class LastSite extends Messenger {
        private String name;

        @Override
        protected void process(Message msg) {
            name = msg.name();
        }
    }
}
