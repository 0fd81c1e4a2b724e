package io.pplj.runtime;

import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Normal;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Message.afterDefault: actions see the settled value and run before every postprocess, in any composition. */
class AfterDefaultTest {

    /** Doubles the value of site "x" once it is settled, recording what it saw. */
    static final class Doubling extends Messenger {
        final List<String> seen = new ArrayList<>();

        @Override
        protected void process(Message msg) {
            if (msg.name().equals("x")) {
                msg.afterDefault(m -> {
                    seen.add((m.isObserved() ? "observed " : "drawn ") + m.value().item());
                    m.setValue(m.value().mul(2.0));
                });
            }
        }
    }

    static final Model<Void, Tensor> MODEL = input -> sample("x", Normal.of(0.0, 1.0)).add(1.0);

    @Test
    void tracesOutsideAndInsideRecordTheChangedValue() {
        Doubling d = new Doubling();
        Trace outside = Handlers.trace(d.wrap(Handlers.condition(MODEL, Map.of("x", Tensor.scalar(3.0)))))
                .getTrace(null);
        assertEquals(6.0, outside.site("x").value().item());
        assertEquals(7.0, ((Tensor) outside.returnValue()).item());

        Doubling d2 = new Doubling();
        Trace inside = Handlers.trace(Handlers.condition(d2.wrap(Handlers.trace(MODEL)), Map.of("x",
                Tensor.scalar(3.0)))).getTrace(null);
        assertEquals(6.0, inside.site("x").value().item());
        assertEquals(List.of("observed 3.0"), d2.seen, "a condition outside the handler is already applied");
    }

    @Test
    void actionsSeeDrawsAndRunInRegistrationOrder() {
        List<String> order = new ArrayList<>();
        Messenger first = new Messenger() {
            @Override
            protected void process(Message msg) {
                msg.afterDefault(m -> order.add("inner"));
            }
        };
        Messenger second = new Messenger() {
            @Override
            protected void process(Message msg) {
                msg.afterDefault(m -> {
                    order.add("outer");
                    m.afterDefault(n -> order.add("registered by an action"));
                });
            }

            @Override
            protected void postprocess(Message msg) {
                order.add("postprocess");
            }
        };
        Doubling d = new Doubling();
        Tensor x = Handlers.trace(second.wrap(first.wrap(d.wrap(MODEL)))).getTrace(null).site("x").value();
        assertEquals(List.of("inner", "outer", "registered by an action", "postprocess"), order);
        assertTrue(d.seen.get(0).startsWith("drawn "));
        assertEquals(2 * Double.parseDouble(d.seen.get(0).substring(6)), x.item(), 1e-6);
    }
}
