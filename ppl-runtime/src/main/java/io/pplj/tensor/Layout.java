package io.pplj.tensor;

import java.util.Arrays;

/**
 * Shape and layout operations. Reshapes share storage (tensors are always contiguous); permutations, expansions and
 * slices are one strided copy on the backend.
 */
final class Layout {

    private Layout() {
    }

    static Tensor reshape(Tensor x, int... requested) {
        int[] shape = inferShape(x, requested);
        if (Arrays.equals(shape, x.shape)) {
            return x;
        }
        Tensor y = new Tensor(x.storage, shape);
        if (Autograd.recording(x)) {
            int[] original = x.shape;
            Autograd.attach(y, "reshape", g -> new Tensor[] {g.reshape(original)}, x);
        }
        return y;
    }

    private static int[] inferShape(Tensor x, int[] requested) {
        int[] shape = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one size may be -1 in "
                            + Shapes.format(requested));
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid size " + shape[i] + " in "
                        + Shapes.format(requested));
            } else {
                known *= shape[i];
            }
        }
        int numel = x.numel();
        if (infer >= 0 && known != 0 && numel % known == 0) {
            shape[infer] = (int) (numel / known);
            known = numel;
        }
        if (known != numel || (infer >= 0 && shape[infer] < 0)) {
            throw new IllegalArgumentException("reshape: cannot reshape a tensor of shape " + Shapes.format(x.shape)
                    + " (" + numel + " elements) to " + Shapes.format(requested));
        }
        return shape;
    }

    static Tensor flatten(Tensor x, int start, int end) {
        if (x.dim() == 0) {
            return x.reshape(1);
        }
        int s = Shapes.normalizeDim("flatten", start, x.dim());
        int e = Shapes.normalizeDim("flatten", end, x.dim());
        if (s > e) {
            throw new IllegalArgumentException("flatten: start dim " + start + " comes after end dim " + end);
        }
        int[] shape = new int[x.dim() - (e - s)];
        System.arraycopy(x.shape, 0, shape, 0, s);
        shape[s] = Shapes.prod(x.shape, s, e + 1);
        System.arraycopy(x.shape, e + 1, shape, s + 1, x.dim() - e - 1);
        return x.reshape(shape);
    }

    static Tensor squeezeAll(Tensor x) {
        return x.reshape(Arrays.stream(x.shape).filter(s -> s != 1).toArray());
    }

    static Tensor squeeze(Tensor x, int dim) {
        int d = Shapes.normalizeDim("squeeze", dim, x.dim());
        if (x.shape[d] != 1) {
            return x;
        }
        int[] shape = new int[x.dim() - 1];
        System.arraycopy(x.shape, 0, shape, 0, d);
        System.arraycopy(x.shape, d + 1, shape, d, x.dim() - d - 1);
        return x.reshape(shape);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int d = Shapes.normalizeDim("unsqueeze", dim, x.dim() + 1);
        int[] shape = new int[x.dim() + 1];
        System.arraycopy(x.shape, 0, shape, 0, d);
        shape[d] = 1;
        System.arraycopy(x.shape, d, shape, d + 1, x.dim() - d);
        return x.reshape(shape);
    }

    static Tensor transpose(Tensor x, int d0, int d1) {
        int a = Shapes.normalizeDim("transpose", d0, x.dim());
        int b = Shapes.normalizeDim("transpose", d1, x.dim());
        int[] perm = Reductions.allDims(x);
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    static Tensor permute(Tensor x, int... dims) {
        int rank = x.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " lists " + dims.length
                    + " dims for a tensor of rank " + rank + " (shape " + Shapes.format(x.shape) + ")");
        }
        int[] perm = new int[rank];
        int[] inverse = new int[rank];
        Arrays.fill(inverse, -1);
        for (int i = 0; i < rank; i++) {
            perm[i] = Shapes.normalizeDim("permute", dims[i], rank);
            if (inverse[perm[i]] >= 0) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " is not a permutation");
            }
            inverse[perm[i]] = i;
        }
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            identity &= perm[i] == i;
        }
        if (identity) {
            return x;
        }
        int[] inStrides = Shapes.strides(x.shape);
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = x.shape[perm[i]];
            strides[i] = inStrides[perm[i]];
        }
        Tensor y = new Tensor(x.backend().strided(x.storage, 0, strides, shape), shape);
        if (Autograd.recording(x)) {
            Autograd.attach(y, "permute", g -> new Tensor[] {permute(g, inverse)}, x);
        }
        return y;
    }

    static Tensor expand(Tensor x, int... requested) {
        if (requested.length < x.dim()) {
            throw new IllegalArgumentException("expand: cannot expand shape " + Shapes.format(x.shape) + " to "
                    + Shapes.format(requested) + " (fewer dims)");
        }
        int lead = requested.length - x.dim();
        int[] shape = requested.clone();
        int[] inStrides = Shapes.strides(x.shape);
        int[] strides = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            int source = i < lead ? 1 : x.shape[i - lead];
            if (shape[i] == -1) {
                if (i < lead) {
                    throw new IllegalArgumentException("expand: -1 is not allowed for a new leading dim in "
                            + Shapes.format(requested));
                }
                shape[i] = source;
            }
            if (source != shape[i] && source != 1 || shape[i] < 0) {
                throw new IllegalArgumentException("expand: cannot expand shape " + Shapes.format(x.shape) + " to "
                        + Shapes.format(requested) + " (dim " + i + ": " + source + " vs " + shape[i] + ")");
            }
            strides[i] = i < lead || source == 1 ? 0 : inStrides[i - lead];
        }
        if (Arrays.equals(shape, x.shape)) {
            return x;
        }
        Tensor y = new Tensor(x.backend().strided(x.storage, 0, strides, shape), shape);
        if (Autograd.recording(x)) {
            Autograd.attach(y, "expand", g -> new Tensor[] {g}, x);
        }
        return y;
    }

    static Tensor narrow(Tensor x, int dim, int start, int length) {
        int d = Shapes.normalizeDim("narrow", dim, x.dim());
        int size = x.shape[d];
        if (start < 0 || length < 0 || start + length > size) {
            throw new IndexOutOfBoundsException("narrow: range [" + start + ", " + (start + length) + ") is out of"
                    + " bounds for dim " + d + " of size " + size + " (shape " + Shapes.format(x.shape) + ")");
        }
        if (start == 0 && length == size) {
            return x;
        }
        int[] shape = x.shape.clone();
        shape[d] = length;
        int[] strides = Shapes.strides(x.shape);
        Tensor y = new Tensor(x.backend().strided(x.storage, start * strides[d], strides, shape), shape);
        if (Autograd.recording(x)) {
            Autograd.attach(y, "narrow", g -> new Tensor[] {padAlong(g, d, start, size)}, x);
        }
        return y;
    }

    /** g placed at {@code [start, start + g.size(d))} along d, zeros elsewhere, total size {@code size}. */
    private static Tensor padAlong(Tensor g, int d, int start, int size) {
        int after = size - start - g.shape[d];
        Tensor[] parts = new Tensor[3];
        int k = 0;
        if (start > 0) {
            parts[k++] = zerosAlong(g, d, start);
        }
        parts[k++] = g;
        if (after > 0) {
            parts[k++] = zerosAlong(g, d, after);
        }
        return cat(Arrays.copyOf(parts, k), d);
    }

    private static Tensor zerosAlong(Tensor like, int d, int size) {
        int[] shape = like.shape.clone();
        shape[d] = size;
        return new Tensor(like.backend().zeros(like.dtype(), Shapes.numel(shape)), shape);
    }

    static Tensor slice(Tensor x, int dim, int start, int end) {
        int d = Shapes.normalizeDim("slice", dim, x.dim());
        int size = x.shape[d];
        int s = start < 0 ? start + size : start;
        int e = end < 0 ? end + size : end;
        if (s < 0 || e > size || s > e) {
            throw new IndexOutOfBoundsException("slice: [" + start + ", " + end + ") is out of bounds for dim " + d
                    + " of size " + size + " (shape " + Shapes.format(x.shape) + ")");
        }
        return narrow(x, d, s, e - s);
    }

    static Tensor select(Tensor x, int dim, int index) {
        int d = Shapes.normalizeDim("select", dim, x.dim());
        int size = x.shape[d];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dim " + d
                    + " of size " + size + " (shape " + Shapes.format(x.shape) + ")");
        }
        return squeeze(narrow(x, d, i, 1), d);
    }

    static Tensor cat(Tensor[] parts, int dim) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("cat: no tensors to concatenate");
        }
        Tensor first = parts[0];
        int d = Shapes.normalizeDim("cat", dim, first.dim());
        DType t = first.dtype();
        for (Tensor p : parts) {
            t = DType.promote(t, p.dtype());
        }
        Tensor[] cast = new Tensor[parts.length];
        Storage[] storages = new Storage[parts.length];
        int[] widths = new int[parts.length];
        int inner = Shapes.prod(first.shape, d + 1, first.dim());
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            checkCatShape(first, parts[i], d, i);
            cast[i] = parts[i].asType(t);
            Elementwise.sameBackend("cat", first, cast[i]);
            storages[i] = cast[i].storage;
            widths[i] = parts[i].shape[d] * inner;
            total += parts[i].shape[d];
        }
        if (parts.length == 1) {
            return cast[0];
        }
        int[] shape = first.shape.clone();
        shape[d] = total;
        Tensor y = new Tensor(first.backend().concat(storages, Shapes.prod(first.shape, 0, d), widths), shape);
        if (t.isFloating() && Autograd.recording(cast)) {
            Autograd.attach(y, "cat", g -> {
                Tensor[] grads = new Tensor[cast.length];
                int offset = 0;
                for (int i = 0; i < cast.length; i++) {
                    int len = cast[i].shape[d];
                    grads[i] = cast[i].requiresGrad ? narrow(g, d, offset, len) : null;
                    offset += len;
                }
                return grads;
            }, cast);
        }
        return y;
    }

    private static void checkCatShape(Tensor first, Tensor p, int d, int index) {
        boolean ok = p.dim() == first.dim();
        for (int j = 0; ok && j < first.dim(); j++) {
            ok = j == d || p.shape[j] == first.shape[j];
        }
        if (!ok) {
            throw new IllegalArgumentException("cat: tensor " + index + " has shape " + Shapes.format(p.shape)
                    + ", which does not match tensor 0's shape " + Shapes.format(first.shape)
                    + " outside dim " + d);
        }
    }

    static Tensor stack(Tensor[] parts, int dim) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("stack: no tensors to stack");
        }
        int d = Shapes.normalizeDim("stack", dim, parts[0].dim() + 1);
        Tensor[] expanded = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!Tensor.sameShape(parts[i], parts[0])) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape "
                        + Shapes.format(parts[i].shape) + " but tensor 0 has " + Shapes.format(parts[0].shape));
            }
            expanded[i] = unsqueeze(parts[i], d);
        }
        return cat(expanded, d);
    }
}
