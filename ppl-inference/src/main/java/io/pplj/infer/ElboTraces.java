package io.pplj.infer;

import io.pplj.runtime.Handlers;
import io.pplj.runtime.Message;
import io.pplj.runtime.Model;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * One particle: the guide's trace, and the model's trace replayed at the guide's draws; checks that the model's
 * latent sites and the guide's draws correspond.
 *
 * @param model the model trace
 * @param guide the guide trace
 */
record ElboTraces(Trace model, Trace guide) {

    static <A> ElboTraces run(Model<A, ?> model, Model<A, ?> guide, A input) {
        Trace g = Handlers.trace(guide).getTrace(input);
        Trace m = Handlers.trace(Handlers.replay(model, g)).getTrace(input);
        checkMatch(m, g);
        return new ElboTraces(m, g);
    }

    /** Whether a site is a latent draw (not observed, not a plate's subsample). */
    static boolean latent(Site s) {
        return s.type() == Message.Type.SAMPLE && !s.isObserved();
    }

    /**
     * Whether a guide site is auxiliary ({@code infer().get("is_auxiliary")}): a draw of the guide's own, such as an
     * autoguide's joint latent vector, that the model does not have.
     */
    static boolean auxiliary(Site s) {
        return Boolean.TRUE.equals(s.infer().get("is_auxiliary"));
    }

    /**
     * @throws IllegalArgumentException naming the sites the model draws that the guide does not, and the reverse
     */
    static void checkMatch(Trace model, Trace guide) {
        List<String> missingInGuide = new ArrayList<>();
        for (Site s : model.sampleSites()) {
            if (latent(s) && !(guide.contains(s.name()) && latent(guide.site(s.name())))) {
                missingInGuide.add(s.name());
            }
        }
        List<String> notInModel = new ArrayList<>();
        for (Site s : guide.sampleSites()) {
            if (latent(s) && !auxiliary(s) && !(model.contains(s.name()) && latent(model.site(s.name())))) {
                notInModel.add(s.name());
            }
        }
        if (!missingInGuide.isEmpty() || !notInModel.isEmpty()) {
            StringBuilder sb = new StringBuilder("model and guide do not match:");
            if (!missingInGuide.isEmpty()) {
                sb.append(" the model's latent sites ").append(missingInGuide).append(" are not drawn by the guide;");
            }
            if (!notInModel.isEmpty()) {
                sb.append(" the guide draws ").append(notInModel).append(", which are not latent sites of the model;");
            }
            sb.setLength(sb.length() - 1);
            throw new IllegalArgumentException(sb.toString());
        }
    }
}
