package io.pplj.runtime;

import static io.pplj.runtime.Ppl.factor;
import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static io.pplj.runtime.Ppl.sequentialPlate;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.dist.Independent;
import io.pplj.dist.Normal;
import io.pplj.dist.Poisson;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A generator of random small models for the handler-law properties: a few sample sites (latent or observed, scalar
 * or two-variate, continuous or discrete), factors and params, nested in vectorized plates (automatic or explicit
 * dims, optionally subsampled) and sequential plates. A {@link Spec} knows which batch dim Pyro's rules give each
 * vectorized plate, and becomes a {@code Model<Void, Void>} through {@link Spec#model()}.
 */
final class RandomModels {

    private RandomModels() {
    }

    /** What a site draws. */
    enum Kind {
        /** A scalar normal whose location depends on the earlier latent normals. */
        NORMAL,
        /** A scalar Bernoulli (no rsample). */
        BERNOULLI,
        /** A scalar Poisson (no rsample). */
        POISSON,
        /** A diagonal normal on R^2: event shape [2], to the right of the plates. */
        NORMAL2,
        /** {@code factor(name, logWeight)}: an observed pseudo-site. */
        FACTOR,
        /** A positive param (shared across sequential iterations), used as the scale of the next normal site. */
        PARAM
    }

    /** A node of a model's structure. */
    sealed interface Node permits SiteNode, PlateNode {
    }

    /** A site. */
    record SiteNode(Kind kind, boolean observed) implements Node {
    }

    /**
     * A plate: vectorized (optionally subsampled, optionally on an explicit dim) or sequential.
     *
     * @param requestedDim null for automatic, else the dim the plate asks for (moved left if an enclosing plate has it)
     */
    record PlateNode(int size, int subsampleSize, Integer requestedDim, boolean sequential, List<Node> body)
            implements Node {
    }

    /** A model structure with names and dims resolved. */
    static final class Spec {
        final List<Node> roots;
        final long dataSeed;
        /** The dim Pyro's allocator must give each vectorized plate, by plate name. */
        final Map<String, Integer> expectedDims = new LinkedHashMap<>();
        private final Map<Node, String> names = new java.util.IdentityHashMap<>();
        private final Map<PlateNode, Integer> explicitDims = new java.util.IdentityHashMap<>();

        Spec(List<Node> roots, long dataSeed) {
            this.roots = roots;
            this.dataSeed = dataSeed;
            int[] counters = new int[3];
            resolve(roots, new ArrayList<>(), counters);
        }

        private void resolve(List<Node> nodes, List<Integer> usedDims, int[] counters) {
            for (Node n : nodes) {
                if (n instanceof SiteNode s) {
                    names.put(n, s.kind() == Kind.PARAM ? "w" + counters[1]++ : "s" + counters[0]++);
                    continue;
                }
                PlateNode p = (PlateNode) n;
                String name = "p" + counters[2]++;
                names.put(n, name);
                if (p.sequential()) {
                    resolve(p.body(), usedDims, counters);
                    continue;
                }
                int dim;
                if (p.requestedDim() == null) {
                    dim = -1;
                    while (usedDims.contains(dim)) {
                        dim--;
                    }
                } else {
                    dim = p.requestedDim();
                    while (usedDims.contains(dim)) {
                        dim--;
                    }
                    explicitDims.put(p, dim);
                }
                expectedDims.put(name, dim);
                usedDims.add(dim);
                resolve(p.body(), usedDims, counters);
                usedDims.remove(Integer.valueOf(dim));
            }
        }

        /** The model this structure describes; observed data is a fixed function of the data seed and site name. */
        Model<Void, Void> model() {
            return Model.of(ignored -> run(roots, new Context()));
        }

        /** Whether the model has a latent continuous site (so that different seeds must give different draws). */
        boolean hasLatentNormal() {
            return any(roots, s -> !s.observed() && (s.kind() == Kind.NORMAL || s.kind() == Kind.NORMAL2));
        }

        private static boolean any(List<Node> nodes, java.util.function.Predicate<SiteNode> p) {
            for (Node n : nodes) {
                if (n instanceof SiteNode s ? p.test(s) : any(((PlateNode) n).body(), p)) {
                    return true;
                }
            }
            return false;
        }

        /** The state a run carries from site to site. */
        private final class Context {
            final List<Plate> plates = new ArrayList<>();
            String suffix = "";
            Tensor latentSum = Tensor.scalar(0.0);
            Tensor pendingScale;
        }

        @SuppressWarnings("try")
        private void run(List<Node> nodes, Context ctx) {
            for (Node n : nodes) {
                String name = names.get(n) + ctx.suffix;
                if (n instanceof SiteNode s) {
                    // a param is shared by the iterations of sequential plates: read once per iteration
                    site(s.kind() == Kind.PARAM ? names.get(n) : name, s, ctx);
                    continue;
                }
                PlateNode p = (PlateNode) n;
                if (p.sequential()) {
                    String outer = ctx.suffix;
                    sequentialPlate(name, p.size(), p.subsampleSize(), i -> {
                        ctx.suffix = outer + "_" + i;
                        run(p.body(), ctx);
                    });
                    ctx.suffix = outer;
                    continue;
                }
                Integer explicit = explicitDims.get(p);
                try (Plate plate = explicit == null ? plate(name, p.size(), p.subsampleSize())
                        : plate(name, p.size(), p.subsampleSize(), explicit)) {
                    ctx.plates.add(plate);
                    run(p.body(), ctx);
                    ctx.plates.remove(ctx.plates.size() - 1);
                }
            }
        }

        private void site(String name, SiteNode s, Context ctx) {
            switch (s.kind()) {
                case PARAM:
                    ctx.pendingScale = param(name, () -> Tensor.scalar(1.5), Constraint.positive());
                    return;
                case FACTOR:
                    factor(name, data(name, ctx, 0).mul(0.3).sub(1.0));
                    return;
                default:
                    break;
            }
            Distribution d = distribution(s.kind(), ctx);
            if (s.observed()) {
                observe(name, d, data(name, ctx, s.kind() == Kind.NORMAL2 ? 1 : 0));
                return;
            }
            Tensor v = sample(name, d);
            if (s.kind() == Kind.NORMAL || s.kind() == Kind.NORMAL2) {
                ctx.latentSum = ctx.latentSum.add(v.mean().mul(0.5));
            }
        }

        private Distribution distribution(Kind kind, Context ctx) {
            Tensor scale = ctx.pendingScale == null ? Tensor.scalar(1.0) : ctx.pendingScale;
            switch (kind) {
                case NORMAL:
                    ctx.pendingScale = null;
                    return Normal.of(ctx.latentSum, scale);
                case NORMAL2:
                    ctx.pendingScale = null;
                    return Independent.of(Normal.of(Tensor.of(-0.5, 0.5).add(ctx.latentSum), scale), 1);
                case BERNOULLI:
                    return Bernoulli.ofLogits(ctx.latentSum.mul(0.1));
                default:
                    return Poisson.of(ctx.latentSum.abs().add(1.5));
            }
        }

        /**
         * Data of the site's full shape (the sizes of its vectorized plates at their dims, then the event shape),
         * cut down to the subsample of each subsampled plate with {@link Plate#subsample(Tensor, int)}.
         */
        private Tensor data(String name, Context ctx, int eventDims) {
            int rank = 0;
            for (Plate p : ctx.plates) {
                rank = Math.max(rank, -p.dim());
            }
            int[] shape = new int[rank + eventDims];
            Arrays.fill(shape, 1);
            for (Plate p : ctx.plates) {
                shape[rank + p.dim()] = p.size();
            }
            if (eventDims == 1) {
                shape[rank] = 2;
            }
            int n = 1;
            for (int x : shape) {
                n *= x;
            }
            Random r = new Random(dataSeed * 31 + name.hashCode());
            double[] v = new double[n];
            Kind kind = kindOf(name);
            for (int i = 0; i < n; i++) {
                v[i] = kind == Kind.BERNOULLI ? r.nextInt(2) : kind == Kind.POISSON ? r.nextInt(5)
                        : r.nextGaussian();
            }
            Tensor t = Tensor.of(v, shape);
            for (Plate p : ctx.plates) {
                if (p.subsampleSize() < p.size()) {
                    t = p.subsample(t, t.dim() - eventDims + p.dim());
                }
            }
            return t;
        }

        private Kind kindOf(String runtimeName) {
            String base = runtimeName.contains("_") ? runtimeName.substring(0, runtimeName.indexOf('_'))
                    : runtimeName;
            for (Map.Entry<Node, String> e : names.entrySet()) {
                if (e.getValue().equals(base) && e.getKey() instanceof SiteNode s) {
                    return s.kind();
                }
            }
            throw new IllegalStateException(runtimeName);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            describe(roots, sb, "");
            return sb.toString();
        }

        private void describe(List<Node> nodes, StringBuilder sb, String indent) {
            for (Node n : nodes) {
                sb.append('\n').append(indent).append(names.get(n)).append(": ");
                if (n instanceof SiteNode s) {
                    sb.append(s.kind()).append(s.observed() && s.kind() != Kind.PARAM && s.kind() != Kind.FACTOR
                            ? " observed" : "");
                } else {
                    PlateNode p = (PlateNode) n;
                    sb.append(p.sequential() ? "sequential plate " : "plate ").append(p.size());
                    if (p.subsampleSize() < p.size()) {
                        sb.append(" subsample ").append(p.subsampleSize());
                    }
                    if (!p.sequential()) {
                        sb.append(" dim ").append(expectedDims.get(names.get(n)))
                                .append(explicitDims.containsKey(p) ? " (explicit)" : "");
                    }
                    describe(p.body(), sb, indent + "  ");
                }
            }
        }
    }

    /** Random model structures: up to 2 plate levels, 1 to 4 nodes per level. */
    static Arbitrary<Spec> specs() {
        return Combinators.combine(nodes(0).list().ofMinSize(1).ofMaxSize(4), Arbitraries.longs())
                .as(Spec::new);
    }

    private static Arbitrary<Node> nodes(int depth) {
        Arbitrary<Node> site = Combinators.combine(
                Arbitraries.of(Kind.values()).edgeCases(c -> c.includeOnly(Kind.NORMAL)),
                Arbitraries.of(true, false)).as(SiteNode::new);
        if (depth >= 2) {
            return site;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, site),
                net.jqwik.api.Tuple.of(2, plates(depth)));
    }

    private static Arbitrary<Node> plates(int depth) {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> subsample = Arbitraries.integers().between(1, 4);
        Arbitrary<Boolean> subsampled = Arbitraries.of(false, false, true);
        Arbitrary<Integer> dim = Arbitraries.of(0, 0, -1, -2, -3);
        Arbitrary<Boolean> sequential = Arbitraries.of(false, false, false, true);
        Arbitrary<List<Node>> body = Arbitraries.lazy(() -> nodes(depth + 1)).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(size, subsample, subsampled, dim, sequential, body).as(
                (n, sub, isSub, d, seq, b) -> {
                    int plateSize = seq ? Math.min(n, 2) : n;
                    return new PlateNode(plateSize, isSub ? Math.min(sub, plateSize) : plateSize, d == 0 ? null : d,
                            seq, b);
                });
    }
}
