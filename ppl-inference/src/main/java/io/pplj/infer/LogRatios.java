package io.pplj.infer;

import io.pplj.runtime.Frame;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The detached log-ratio terms {@code log p - log q} of one particle, each with the plates of its site (Pyro's
 * {@code MultiFrameTensor}), for the score-function terms of non-reparameterized guide sites. {@link #sumTo} gives
 * the terms a site's score can see: summed over the plates the site is not in, kept per element over the plates it is
 * in, which is Pyro's plate-level Rao–Blackwellization.
 */
final class LogRatios {

    private record Term(List<Frame> frames, Tensor value) {
    }

    private final List<Term> terms = new ArrayList<>();

    /** The terms of every model sample site: {@code log p} for observed sites, {@code log p - log q} for latent. */
    static LogRatios of(Trace model, Trace guide) {
        LogRatios r = new LogRatios();
        for (Site s : model.sampleSites()) {
            Tensor t = s.logProb();
            if (!s.isObserved()) {
                t = t.sub(guide.site(s.name()).logProb());
            }
            r.terms.add(new Term(s.frames(), t.detach()));
        }
        return r;
    }

    /** Adds a term. */
    void add(List<Frame> frames, Tensor value) {
        terms.add(new Term(frames, value.detach()));
    }

    /** The sum of all terms, each summed over the vectorized plates not in {@code target}. */
    Tensor sumTo(List<Frame> target) {
        Tensor total = null;
        for (Term term : terms) {
            Tensor v = term.value();
            for (Frame f : term.frames()) {
                if (f.vectorized() && !target.contains(f) && v.dim() >= -f.dim() && v.size(f.dim()) != 1) {
                    v = v.sum(f.dim(), true);
                }
            }
            while (v.dim() > 0 && v.size(0) == 1) {
                v = v.squeeze(0);
            }
            total = total == null ? v : total.add(v);
        }
        return total == null ? Tensor.scalar(0.0) : total;
    }
}
