package io.pplj.infer;

import io.pplj.runtime.Site;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of one run's ELBO that TraceElbo and TraceGraphElbo share: {@code elbo} is the model's log joint minus
 * every guide site's {@code log q}, summed; {@code surrogate} is the same with only the reparameterized guide sites'
 * {@code log q} (their gradients flow through the draws); {@code scored} lists the guide sites without
 * {@code rsample}, whose score-function terms each estimator adds its own way.
 */
record PathwiseTerms(double elbo, Tensor surrogate, List<Site> scored) {

    static PathwiseTerms of(ElboTraces t) {
        Tensor surrogate = t.model().logProbSum();
        double elbo = surrogate.item();
        List<Site> scored = new ArrayList<>();
        for (Site s : t.guide().stochasticSites()) {
            Tensor lq = s.logProb().sum();
            elbo -= lq.item();
            if (s.distribution().hasRsample()) {
                surrogate = surrogate.sub(lq);
            } else {
                scored.add(s);
            }
        }
        return new PathwiseTerms(elbo, surrogate, scored);
    }
}
