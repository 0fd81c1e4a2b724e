package io.pplj.nn;

import io.pplj.dist.Constraint;
import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes a module's state in the runtime's parameter file format ({@link ParamStore#save}): a NumPy
 * {@code .npz} archive with a {@code params.json} index, written atomically, every value unconstrained. A private
 * store, current only for the duration of the call, does the work, so the format has one implementation.
 */
final class ModuleFile {

    private ModuleFile() {
    }

    @SuppressWarnings("try")
    static void write(Path file, Map<String, Tensor> state) throws IOException {
        try (ParamStore store = ParamStore.open()) {
            state.forEach((name, value) -> store.set(name, value.detach(), Constraint.real()));
            store.save(file);
        }
    }

    @SuppressWarnings("try")
    static Map<String, Tensor> read(Path file) throws IOException {
        try (ParamStore store = ParamStore.open()) {
            store.load(file);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String name : store.names()) {
                if (!store.constraint(name).toString().equals(Constraint.real().toString())) {
                    throw new IOException(file + ": '" + name + "' is saved under constraint "
                            + store.constraint(name) + "; a module file holds unconstrained values only");
                }
                out.put(name, store.unconstrained(name).detach());
            }
            return out;
        }
    }
}
