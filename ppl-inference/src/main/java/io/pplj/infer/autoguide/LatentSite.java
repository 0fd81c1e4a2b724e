package io.pplj.infer.autoguide;

import io.pplj.dist.Constraint;
import io.pplj.dist.Transform;
import io.pplj.runtime.Frame;
import java.util.List;

/**
 * What an autoguide knows about one latent site of the model: its support and the bijection onto it, its event
 * dimensions, its plates, and its constrained and unconstrained shapes at full plate sizes (subsampled plates
 * counted whole).
 *
 * @param name the site's name
 * @param support the site's support
 * @param transform {@code bijectTo(support)}
 * @param eventDim the site's event dimensions
 * @param frames the site's plates, outermost first
 * @param shape the constrained value's shape at full plate sizes
 * @param unconstrainedShape the unconstrained value's shape at full plate sizes
 */
record LatentSite(String name, Constraint support, Transform transform, int eventDim, List<Frame> frames,
                  int[] shape, int[] unconstrainedShape) {

    /** The number of unconstrained values. */
    int unconstrainedSize() {
        int n = 1;
        for (int s : unconstrainedShape) {
            n *= s;
        }
        return n;
    }

    /** The dimension of the unconstrained value a plate dimension ({@code < 0}) indexes. */
    int unconstrainedDimOf(int plateDim) {
        int eventDims = unconstrainedShape.length - (shape.length - eventDim);
        return unconstrainedShape.length - eventDims + plateDim;
    }

    /** The dimension of the constrained value a plate dimension indexes. */
    int dimOf(int plateDim) {
        return shape.length - eventDim + plateDim;
    }
}
