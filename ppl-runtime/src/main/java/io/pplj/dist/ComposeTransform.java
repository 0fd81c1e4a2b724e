package io.pplj.dist;

import io.pplj.tensor.Tensor;
import java.util.List;

/**
 * The composition {@code f_n ∘ ... ∘ f_1} of transforms applied in list order. Its log-determinant is the sum of
 * the parts', each summed over the event dimensions the composition adds beyond that part's own.
 */
public final class ComposeTransform extends Transform {

    private final List<Transform> parts;

    private ComposeTransform(List<Transform> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The transforms applied in order: first {@code parts[0]}, then {@code parts[1]}, ... */
    public static ComposeTransform of(Transform... parts) {
        return new ComposeTransform(List.of(parts));
    }

    /** The transforms applied in list order. */
    public static ComposeTransform of(List<Transform> parts) {
        return new ComposeTransform(parts);
    }

    /** The parts, in application order. */
    public List<Transform> parts() {
        return parts;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Transform t : parts) {
            y = t.forward(y);
        }
        return y;
    }

    @Override
    public Tensor inverse(Tensor y) {
        Tensor x = y;
        for (int i = parts.size() - 1; i >= 0; i--) {
            x = parts.get(i).inverse(x);
        }
        return x;
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        if (parts.isEmpty()) {
            return Tensor.zerosLike(x);
        }
        Tensor result = null;
        int eventDim = domain().eventDim();
        Tensor current = x;
        for (int i = 0; i < parts.size(); i++) {
            Transform part = parts.get(i);
            Tensor next = i == parts.size() - 1 ? y : part.forward(current);
            Tensor term = Independent.sumRightmost(part.logAbsDetJacobian(current, next),
                    eventDim - part.domain().eventDim());
            result = result == null ? term : result.add(term);
            eventDim += part.codomain().eventDim() - part.domain().eventDim();
            current = next;
        }
        return result;
    }

    @Override
    public Constraint domain() {
        if (parts.isEmpty()) {
            return Constraint.real();
        }
        Constraint first = parts.get(0).domain();
        int eventDim = parts.get(parts.size() - 1).codomain().eventDim();
        for (int i = parts.size() - 1; i >= 0; i--) {
            Transform part = parts.get(i);
            eventDim += part.domain().eventDim() - part.codomain().eventDim();
            eventDim = Math.max(eventDim, part.domain().eventDim());
        }
        return Constraint.independent(first, eventDim - first.eventDim());
    }

    @Override
    public Constraint codomain() {
        if (parts.isEmpty()) {
            return Constraint.real();
        }
        Constraint last = parts.get(parts.size() - 1).codomain();
        int eventDim = parts.get(0).domain().eventDim();
        for (Transform part : parts) {
            eventDim += part.codomain().eventDim() - part.domain().eventDim();
            eventDim = Math.max(eventDim, part.codomain().eventDim());
        }
        return Constraint.independent(last, eventDim - last.eventDim());
    }

    @Override
    public boolean isBijective() {
        return parts.stream().allMatch(Transform::isBijective);
    }

    @Override
    public int[] forwardShape(int[] shape) {
        int[] s = shape;
        for (Transform t : parts) {
            s = t.forwardShape(s);
        }
        return s.clone();
    }

    @Override
    public int[] inverseShape(int[] shape) {
        int[] s = shape;
        for (int i = parts.size() - 1; i >= 0; i--) {
            s = parts.get(i).inverseShape(s);
        }
        return s.clone();
    }

    @Override
    public String toString() {
        return "Compose" + parts;
    }
}
