package io.pplj.causal;

import io.pplj.dist.Distribution;
import io.pplj.dist.Transform;
import io.pplj.dist.TransformedDistribution;
import io.pplj.runtime.MaskMessenger;
import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.Ppl;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.List;

/**
 * Settles a sample site across worlds (ChiRho's {@code FactualConditioningMessenger}): a latent value that lacks
 * some of its distribution's world dimensions (it came from a guide or a replay) is shared by those worlds; an
 * observation of a site downstream of an intervention conditions the factual world, and the other worlds get the
 * abducted noise pushed through their mechanism, or a fresh draw (see {@link CounterfactualHandler}).
 */
final class Conditioning {

    private Conditioning() {
    }

    static void settle(Message msg, Worlds worlds) {
        if (msg.type() != Message.Type.SAMPLE || worlds.count() == 1) {
            return;
        }
        Distribution d = msg.distribution();
        int eventDim = d.eventDim();
        IndexSet ofDistribution = worlds.indicesOfBatch(d.batchShape());
        IndexSet ofValue = worlds.indicesOf(msg.value(), eventDim);
        if (ofDistribution.isEmpty() || ofValue.names().containsAll(ofDistribution.names())) {
            return;
        }
        if (!msg.isObserved()) {
            msg.setValue(msg.value().expand(Shapes.broadcast("site '" + msg.name() + "'", msg.value().shape(),
                    d.extendedShape())));
            return;
        }
        IndexSet factual = IndexSet.empty();
        for (String name : ofDistribution.names()) {
            factual = factual.with(name, 0);
        }
        Tensor inFactual = worlds.mask(factual);
        Tensor observed = msg.value();
        Distribution core = Wrapped.core(d);
        TransformedDistribution mechanism = core instanceof TransformedDistribution
                ? (TransformedDistribution) core : null;
        Tensor elsewhere = mechanism != null ? abduct(mechanism, observed, worlds, factual)
                : drawCounterfactual(msg, inFactual.not());
        Tensor merged = Tensor.where(Splits.trailing(inFactual, eventDim), observed, elsewhere);
        msg.setValue(merged.expand(Shapes.broadcast("site '" + msg.name() + "'", merged.shape(),
                d.extendedShape())));
        msg.setMask(msg.mask() == null ? inFactual : msg.mask().and(inFactual));
    }

    /**
     * The observation in every world: the noise {@code u = f^-1(y)} inverted through the factual world's transforms,
     * then {@code f_w(u)} through each world's.
     */
    private static Tensor abduct(TransformedDistribution mechanism, Tensor observed, Worlds worlds, IndexSet factual) {
        List<Transform> transforms = mechanism.transforms();
        Tensor noise = observed;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            noise = transforms.get(i).inverse(noise);
        }
        Tensor y = worlds.gather(noise, factual, mechanism.base().eventDim());
        for (Transform t : transforms) {
            y = t.forward(y);
        }
        return y;
    }

    /** A draw from the site's distribution, recorded as a latent site that counts where {@code mask} holds. */
    @SuppressWarnings("try")
    private static Tensor drawCounterfactual(Message msg, Tensor mask) {
        try (Messenger counterfactualOnly = new MaskMessenger(mask).enter()) {
            return Ppl.sample(msg.name() + Causal.COUNTERFACTUAL_SUFFIX, msg.distribution());
        }
    }
}
