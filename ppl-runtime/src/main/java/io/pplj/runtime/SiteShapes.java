package io.pplj.runtime;

import io.pplj.dist.Distribution;
import io.pplj.tensor.Shapes;
import java.util.Arrays;

/** Checks that an observed value fits its site's distribution and plates, naming the site, plate and shapes. */
final class SiteShapes {

    private SiteShapes() {
    }

    static void check(Message msg) {
        Distribution d = msg.distribution();
        int[] value = msg.value().shape();
        int[] batch = d.batchShape();
        int[] event = d.eventShape();
        boolean fits = value.length >= event.length;
        for (int i = 1; fits && i <= event.length; i++) {
            fits = value[value.length - i] == event[event.length - i];
        }
        int[] lead = fits ? Arrays.copyOf(value, value.length - event.length) : value;
        Frame culprit = null;
        for (Frame f : msg.frames()) {
            if (!f.vectorized() || -f.dim() > lead.length) {
                continue;
            }
            int size = lead[lead.length + f.dim()];
            if (size != 1 && size != f.size()) {
                culprit = f;
                fits = false;
            }
        }
        fits = fits && broadcasts(lead, batch);
        if (!fits) {
            String where = culprit != null ? " in " + culprit : msg.frames().isEmpty() ? "" : " in " + msg.frames();
            throw new IllegalArgumentException("site '" + msg.name() + "'" + where + ": value shape "
                    + Shapes.format(value) + " does not fit batch shape " + Shapes.format(batch) + " and event shape "
                    + Shapes.format(event) + " of " + d.name());
        }
    }

    private static boolean broadcasts(int[] a, int[] b) {
        try {
            Shapes.broadcast("site", a, b);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
