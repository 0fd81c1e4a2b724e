package io.pplj.runtime;

import io.pplj.dist.Distribution;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A plate: conditional independence over a batch dimension (Pyro's {@code plate}), entered when
 * {@link Ppl#plate(String, int)} returns it and left when closed.
 *
 * <p><b>Vectorized.</b> The plate takes a batch dimension ({@link #dim()}, allocated from the right of the batch
 * shape; nested plates take {@code -1, -2, ...}, and event dimensions stay to the right of all plates). Every sample
 * site inside is broadcast to the plate's size along that dimension, so distributions inside need not know about
 * the plate. A site whose batch shape has another size there is an error naming the site and the plate.
 *
 * <p><b>Subsampling.</b> With {@code subsampleSize < size} the plate chooses {@link #indices()} (random, through a
 * subsample site named after the plate, so guides and replays share the choice); sites inside are broadcast to the
 * subsample size and their log-probabilities scaled by {@code size / subsampleSize}, an unbiased estimate of the
 * full-data log-probability. {@link #subsample(Tensor)} selects the data.
 *
 * <p><b>Sequential.</b> {@link Ppl#sequentialPlate} runs a body once per index, each iteration its own independent
 * context, with no batch dimension.
 */
public final class Plate extends Messenger {

    private final String name;
    private final int size;
    private final int subsampleSize;
    private final Tensor indices;
    private final Integer requestedDim;
    private final boolean vectorized;
    private Integer dim;
    private int counter;

    private Plate(String name, int size, int subsampleSize, Tensor indices, Integer dim, boolean vectorized) {
        this.name = name;
        this.size = size;
        this.subsampleSize = subsampleSize;
        this.indices = indices;
        this.requestedDim = dim;
        this.vectorized = vectorized;
    }

    /** Creates a plate and chooses its subsample (through a subsample site), not yet entered. */
    static Plate create(String name, int size, int subsampleSize, Tensor indices, Integer dim, boolean vectorized) {
        if (size <= 0) {
            throw new IllegalArgumentException("plate '" + name + "': size " + size + " must be positive");
        }
        if (subsampleSize <= 0 || subsampleSize > size) {
            throw new IllegalArgumentException("plate '" + name + "': subsample size " + subsampleSize
                    + " must be in 1.." + size);
        }
        Tensor chosen = indices;
        if (subsampleSize < size || indices != null) {
            Message msg = Message.subsample(name, size, subsampleSize, indices);
            EffectStack.current().apply(msg);
            chosen = msg.value();
            if (chosen.dim() != 1 || chosen.size(0) != subsampleSize) {
                throw new IllegalArgumentException("plate '" + name + "': subsample indices of shape "
                        + Shapes.format(chosen.shape()) + " do not match subsample size " + subsampleSize
                        + " (did the model and guide use different subsample sizes?)");
            }
        }
        return new Plate(name, size, subsampleSize, chosen, dim, vectorized);
    }

    /** The plate's name. */
    public String name() {
        return name;
    }

    /** The full size. */
    public int size() {
        return size;
    }

    /** The size inside the plate: the subsample size (the full size without subsampling). */
    public int subsampleSize() {
        return subsampleSize;
    }

    /** The batch dimension while the plate is active, or {@code null} for a sequential plate. */
    public Integer dim() {
        return dim;
    }

    /** The indices of the elements inside the plate: the subsample, or {@code 0 .. size-1}. */
    public Tensor indices() {
        return indices != null ? indices : Tensor.arange(size);
    }

    /** The rows of {@code data} (along its first dimension) at {@link #indices()}. */
    public Tensor subsample(Tensor data) {
        return subsample(data, 0);
    }

    /** The entries of {@code data} along {@code dataDim} at {@link #indices()}. */
    public Tensor subsample(Tensor data, int dataDim) {
        return indices == null ? data : data.indexSelect(dataDim, indices);
    }

    @Override
    public Plate enter() {
        if (vectorized) {
            dim = EffectStack.current().dims().allocate(name, requestedDim);
        }
        try {
            super.enter();
        } catch (RuntimeException e) {
            if (vectorized) {
                EffectStack.current().dims().free(name, dim);
            }
            throw e;
        }
        return this;
    }

    @Override
    protected void exited() {
        if (vectorized) {
            EffectStack.current().dims().free(name, dim);
        }
    }

    /** Runs {@code body} once per index, each iteration a separate sequential context. */
    @SuppressWarnings("try")
    void runSequential(IntConsumer body) {
        long[] idx = indices().toLongArray();
        for (long i : idx) {
            try (Messenger iteration = enter()) {
                body.accept((int) i);
            }
            counter++;
        }
    }

    @Override
    protected void process(Message msg) {
        msg.addFrame(new Frame(name, dim, subsampleSize, counter, size));
        if (subsampleSize < size) {
            msg.setScale(msg.scale() * size / (double) subsampleSize);
        }
        if (vectorized && msg.type() == Message.Type.SAMPLE && !msg.isDone()) {
            broadcast(msg);
        }
    }

    /** Expands the site's distribution to the sizes of the vectorized plates around it so far. */
    private static void broadcast(Message msg) {
        Distribution d = msg.distribution();
        int[] actual = d.batchShape();
        int rank = actual.length;
        for (Frame f : msg.frames()) {
            if (f.vectorized()) {
                rank = Math.max(rank, -f.dim());
            }
        }
        int[] target = new int[rank];
        Arrays.fill(target, -1);
        for (int i = 1; i <= actual.length; i++) {
            target[rank - i] = actual[actual.length - i] == 1 ? -1 : actual[actual.length - i];
        }
        for (Frame f : msg.frames()) {
            if (!f.vectorized()) {
                continue;
            }
            int at = rank + f.dim();
            if (target[at] != -1 && target[at] != f.size()) {
                throw new IllegalArgumentException("site '" + msg.name() + "' in plate '" + f.name() + "' (size "
                        + f.size() + ", dim " + f.dim() + "): batch shape " + Shapes.format(actual) + " of "
                        + d.name() + " has size " + target[at] + " at dim " + f.dim() + "; it must be 1 or "
                        + f.size());
            }
            target[at] = f.size();
        }
        for (int i = 0; i < rank; i++) {
            if (target[i] == -1) {
                target[i] = 1;
            }
        }
        if (!Arrays.equals(target, actual)) {
            msg.setDistribution(d.expand(target));
        }
    }

    @Override
    public String toString() {
        return "Plate('" + name + "', size " + size + (subsampleSize < size ? ", subsample " + subsampleSize : "")
                + (dim != null ? ", dim " + dim : "") + ")";
    }
}
