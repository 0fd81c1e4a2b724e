package io.pplj.nn;

import io.pplj.tensor.GradCheck;
import io.pplj.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient checks of a whole module: its output as a function of the input and every parameter, checked by
 * {@link GradCheck} against central finite differences (the input and the parameters must be float64).
 */
public final class ModuleGradCheck {

    private ModuleGradCheck() {
    }

    /** Asserts that the gradients of {@code m.forward(x)} with respect to {@code x} and each parameter are right. */
    public static void check(Module m, Tensor x) {
        List<String> names = List.copyOf(m.parameters().keySet());
        Tensor[] inputs = new Tensor[names.size() + 1];
        inputs[0] = x;
        for (int i = 0; i < names.size(); i++) {
            inputs[i + 1] = m.parameters().get(names.get(i));
        }
        GradCheck.check(a -> {
            Map<String, Tensor> values = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), a[i + 1]);
            }
            m.loadParameters(values);
            return m.forward(a[0]);
        }, inputs);
    }
}
