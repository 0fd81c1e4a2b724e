package io.pplj.causal;

import io.pplj.dist.Distribution;
import io.pplj.runtime.DependencyTracking;
import io.pplj.runtime.Frame;
import io.pplj.runtime.Message;
import io.pplj.runtime.Ppl;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import java.util.Comparator;

/** How an intervention changes a settled sample message: replacing its value, or splitting it along a world index. */
final class Splits {

    /** Frames of world dimensions are named with this prefix and the world index. */
    static final String FRAME_PREFIX = "world:";

    private Splits() {
    }

    /**
     * Replaces the value by the intervention's (broadcast to the site's shape). The site then adds nothing to the log
     * density, as the factor of an intervened variable leaves the mutilated model; but a function of the would-be
     * value of a latent site (a soft intervention) keeps the would-be draw random, so its factor
     * {@code log p(wouldBe | parents)} stays, as the factor site {@code name + Causal.WOULD_BE_SUFFIX}.
     *
     * @throws IllegalArgumentException if the site is observed data (not a deterministic record) and
     *     {@code observedAllowed} is false, or the intervention's value has the wrong shape
     */
    static void replace(Message msg, Actions.Action action, boolean observedAllowed) {
        boolean record = Boolean.TRUE.equals(msg.infer().get(DependencyTracking.DETERMINISTIC));
        if (msg.isObserved() && !observedAllowed && !record) {
            throw new IllegalArgumentException("intervene: site '" + msg.name() + "'" + where(msg) + " is observed;"
                    + " a bare intervention would discard the observation. Use a counterfactual handler"
                    + " (TwinWorldCounterfactual, MultiWorldCounterfactual: the observation holds in the factual"
                    + " world, the intervention in the counterfactual one; SingleWorldCounterfactual: the"
                    + " intervention replaces it), or do not condition on the site");
        }
        Tensor obs = msg.value();
        Tensor act = action.apply(msg.name(), obs);
        checkShape(msg, obs, act, Worlds.none());
        if (!action.isConstant() && !msg.isObserved()) {
            Ppl.factor(msg.name() + Causal.WOULD_BE_SUFFIX, msg.distribution().logProb(obs));
        }
        msg.setValue(Arrays.equals(act.shape(), obs.shape()) ? act : act.expand(obs.shape()));
        msg.setMask(Tensor.ofBooleans(new boolean[] {false}).reshape());
    }

    /**
     * Splits the value along world index {@code index} (ChiRho's {@code split}): position 0 keeps the factual value
     * (position 0 of the value the model produced, if it already varies along the index), position 1 takes the
     * intervened value, computed from the whole would-be value. The site's log-probability counts at position 0 only.
     */
    static void split(Message msg, Actions.Action action, CounterfactualHandler handler, String index) {
        Tensor obs = msg.value();
        int eventDim = msg.distribution().eventDim();
        Tensor act = action.apply(msg.name(), obs);
        handler.dimOf(index, 2);
        Worlds worlds = handler.worlds();
        checkShape(msg, obs, act, worlds);
        Tensor factual = worlds.gather(obs, IndexSet.of(index, 0), eventDim);
        Tensor isCounterfactual = worlds.mask(IndexSet.of(index, 1));
        Tensor value = Tensor.where(trailing(isCounterfactual, eventDim), act, factual);
        msg.setValue(value);
        Tensor keep = isCounterfactual.not();
        msg.setMask(msg.mask() == null ? keep : msg.mask().and(keep));
        expandToValue(msg);
    }

    /** {@code mask} with {@code eventDim} trailing size-1 dimensions, to select whole events. */
    static Tensor trailing(Tensor mask, int eventDim) {
        int[] shape = Arrays.copyOf(mask.shape(), mask.dim() + eventDim);
        Arrays.fill(shape, mask.dim(), shape.length, 1);
        return mask.reshape(shape);
    }

    /** Expands the site's distribution to the batch dimensions its value gained (so log-probabilities cover them). */
    static void expandToValue(Message msg) {
        Distribution d = msg.distribution();
        int[] value = msg.value().shape();
        int[] lead = Arrays.copyOf(value, Math.max(value.length - d.eventDim(), 0));
        int[] batch = Shapes.broadcast("site '" + msg.name() + "'", d.batchShape(), lead);
        if (!Arrays.equals(batch, d.batchShape())) {
            msg.setDistribution(d.expand(batch));
        }
    }

    /**
     * Checks that an intervention's value fits the site: it broadcasts to the would-be value's shape in every
     * dimension except world dimensions, where any split is allowed.
     *
     * @throws IllegalArgumentException naming the site, its plates and the shapes otherwise
     */
    static void checkShape(Message msg, Tensor obs, Tensor act, Worlds worlds) {
        int[] o = obs.shape();
        int[] a = act.shape();
        int eventDim = msg.distribution().eventDim();
        boolean ok = true;
        for (int i = 0; i < Math.max(o.length, a.length) && ok; i++) {
            int so = i < o.length ? o[o.length - 1 - i] : 1;
            int sa = i < a.length ? a[a.length - 1 - i] : 1;
            boolean world = i >= eventDim && isWorldDim(worlds, eventDim - 1 - i);
            ok = sa == so || sa == 1 || (world && so == 1);
        }
        if (!ok) {
            Distribution d = msg.distribution();
            throw new IllegalArgumentException("intervene: site '" + msg.name() + "'" + where(msg) + ": the"
                    + " intervention's value has shape " + Shapes.format(a) + ", which does not broadcast to the"
                    + " site's value shape " + Shapes.format(o) + " (batch " + Shapes.format(d.batchShape())
                    + ", event " + Shapes.format(d.eventShape()) + ")");
        }
    }

    private static boolean isWorldDim(Worlds worlds, int batchDim) {
        return worlds.names().stream().anyMatch(n -> worlds.dim(n) == batchDim);
    }

    /** Adds the frames of the world dimensions along which the site's value or distribution varies. */
    static void addWorldFrames(Message msg, Worlds worlds) {
        if (msg.type() != Message.Type.SAMPLE || worlds.count() == 1) {
            return;
        }
        int eventDim = msg.distribution().eventDim();
        IndexSet varies = IndexSet.union(worlds.indicesOf(msg.value(), eventDim),
                worlds.indicesOfBatch(msg.distribution().batchShape()));
        varies.names().stream().sorted(Comparator.comparingInt(worlds::dim).reversed()).forEach(name -> {
            String frame = FRAME_PREFIX + name;
            if (msg.frames().stream().noneMatch(f -> f.name().equals(frame))) {
                int size = worlds.size(name);
                msg.addFrame(new Frame(frame, worlds.dim(name), size, 0, size));
            }
        });
    }

    /** " in plate 'data' (size 10, dim -1)" or empty. */
    static String where(Message msg) {
        if (msg.frames().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" in ");
        for (int i = msg.frames().size() - 1; i >= 0; i--) {
            sb.append(i < msg.frames().size() - 1 ? ", " : "").append(msg.frames().get(i));
        }
        return sb.toString();
    }
}
