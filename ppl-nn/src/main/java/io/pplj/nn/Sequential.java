package io.pplj.nn;

import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Modules applied one after another, each to the previous one's output (PyTorch's {@code nn.Sequential}). Built from
 * a list, the submodules are named {@code "0"}, {@code "1"}, ..., so parameters are named {@code "0.weight"} and so
 * on; built from a map, they keep the map's names and order.
 *
 * <pre>{@code
 * Sequential decoder = Sequential.of(Linear.of(50, 400), Softplus.of(), Linear.of(400, 784), Sigmoid.of());
 * }</pre>
 */
public final class Sequential extends Module {

    private final List<Module> steps = new ArrayList<>();

    private Sequential() {
    }

    /** The modules in order, named by position. */
    public static Sequential of(Module... modules) {
        return of(List.of(modules));
    }

    /** The modules in order, named by position. */
    public static Sequential of(List<? extends Module> modules) {
        Sequential s = new Sequential();
        for (Module m : modules) {
            s.steps.add(s.addModule(Integer.toString(s.steps.size()), m));
        }
        return s;
    }

    /** The modules in the map's iteration order, under its names (use a {@link java.util.LinkedHashMap}). */
    public static Sequential named(Map<String, ? extends Module> modules) {
        Sequential s = new Sequential();
        modules.forEach((name, m) -> s.steps.add(s.addModule(name, m)));
        return s;
    }

    /** The number of steps. */
    public int size() {
        return steps.size();
    }

    /** The step at {@code index}. */
    public Module get(int index) {
        return steps.get(index);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module m : steps) {
            h = m.forward(h);
        }
        return h;
    }
}
