package io.pplj.dist;

import static io.pplj.dist.DistTestSupport.append;
import static io.pplj.dist.DistTestSupport.concat;
import static io.pplj.dist.DistTestSupport.logAbsDet;
import static io.pplj.dist.DistTestSupport.numel;
import static io.pplj.dist.DistTestSupport.randomShape;
import static io.pplj.dist.DistTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every transform and its inverse, over generated batch shapes, event sizes and values (float64): round trips
 * {@code inverse(forward(x)) = x} and {@code forward(inverse(y)) = y} within {@code 1e-9 (1 + |x|)}; declared
 * shapes, domains and codomains; and {@code logAbsDetJacobian} against the log |det| of the Jacobian over the free
 * coordinates, computed both by central finite differences (step 1e-6, tolerance {@code 1e-6 (1 + |ladj|)}, which
 * covers the O(h^2) truncation and the O(eps / h) rounding error of the entries) and by reverse-mode autodiff
 * (tolerance {@code 1e-9 (1 + |ladj|)}).
 *
 * <p>Free coordinates: all entries for elementwise and vector transforms; the first K-1 entries of a simplex point;
 * the lower triangle (diagonal included) of lower-triangular and symmetric matrices (a symmetric matrix is rebuilt
 * from its lower triangle, so a free off-diagonal coordinate moves both mirrored entries); the strictly lower
 * triangle of a correlation Cholesky factor (its diagonal follows from unit-norm rows).
 */
class TransformProperties {

    private static final double STEP = 1e-6;

    // ---- coordinate spaces ------------------------------------------------------------------------------------

    /** Events of a fixed shape described by {@code free} coordinates; maps are Tensor ops, so autodiff sees them. */
    abstract static class Space {
        final int[] eventShape;
        final int free;

        Space(int[] eventShape, int free) {
            this.eventShape = eventShape;
            this.free = free;
        }

        /** {@code [..., free]} to {@code [..., eventShape]}. */
        abstract Tensor embed(Tensor f);

        /** {@code [..., eventShape]} to {@code [..., free]}. */
        abstract Tensor extract(Tensor x);

        static int[] lead(Tensor t, int drop) {
            return Arrays.copyOf(t.shape(), t.dim() - drop);
        }
    }

    /** A scalar event: one free coordinate. */
    static Space scalar() {
        return new Space(new int[0], 1) {
            @Override
            Tensor embed(Tensor f) {
                return f.squeeze(-1);
            }

            @Override
            Tensor extract(Tensor x) {
                return x.unsqueeze(-1);
            }
        };
    }

    /** Every entry of an event of this shape is free. */
    static Space flat(int... shape) {
        int n = numel(shape);
        return new Space(shape, n) {
            @Override
            Tensor embed(Tensor f) {
                return f.reshape(append(lead(f, 1), shape));
            }

            @Override
            Tensor extract(Tensor x) {
                return x.reshape(append(lead(x, shape.length), n));
            }
        };
    }

    /** The simplex in R^k: the first k-1 entries, the last one 1 minus their sum. */
    static Space simplex(int k) {
        return new Space(new int[] {k}, k - 1) {
            @Override
            Tensor embed(Tensor f) {
                return Tensor.cat(-1, f, f.sum(-1, true).rsub(1.0));
            }

            @Override
            Tensor extract(Tensor x) {
                return x.narrow(-1, 0, k - 1);
            }
        };
    }

    /** Row-major positions {@code i * n + j} of the lower triangle {@code j <= i + offset}. */
    static long[] trilPositions(int n, int offset) {
        List<Long> pos = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= Math.min(n - 1, i + offset); j++) {
                pos.add((long) i * n + j);
            }
        }
        return pos.stream().mapToLong(Long::longValue).toArray();
    }

    /** For each of the n*n positions, the free index that fills it ({@code free} means zero). */
    static Tensor fillIndex(int n, long[] positions, boolean symmetric) {
        long[] src = new long[n * n];
        Arrays.fill(src, positions.length);
        for (int q = 0; q < positions.length; q++) {
            int i = (int) (positions[q] / n);
            int j = (int) (positions[q] % n);
            src[i * n + j] = q;
            if (symmetric) {
                src[j * n + i] = q;
            }
        }
        return Tensor.ofLongs(src);
    }

    static Tensor fill(Tensor f, int n, Tensor index) {
        int[] pad = f.shape();
        pad[pad.length - 1] = 1;
        Tensor padded = Tensor.cat(-1, f, Tensor.zeros(f.dtype(), pad));
        return padded.indexSelect(-1, index).reshape(append(Space.lead(f, 1), n, n));
    }

    static Tensor pick(Tensor x, int n, long[] positions) {
        return x.reshape(append(Space.lead(x, 2), n * n)).indexSelect(-1, Tensor.ofLongs(positions));
    }

    /** Lower-triangular n × n matrices (upper triangle zero): the lower triangle is free. */
    static Space lowerTriangular(int n) {
        long[] pos = trilPositions(n, 0);
        Tensor index = fillIndex(n, pos, false);
        return new Space(new int[] {n, n}, pos.length) {
            @Override
            Tensor embed(Tensor f) {
                return fill(f, n, index);
            }

            @Override
            Tensor extract(Tensor x) {
                return pick(x, n, pos);
            }
        };
    }

    /** Symmetric n × n matrices, rebuilt from their lower triangle. */
    static Space symmetric(int n) {
        long[] pos = trilPositions(n, 0);
        Tensor index = fillIndex(n, pos, true);
        return new Space(new int[] {n, n}, pos.length) {
            @Override
            Tensor embed(Tensor f) {
                return fill(f, n, index);
            }

            @Override
            Tensor extract(Tensor x) {
                return pick(x, n, pos);
            }
        };
    }

    /** Cholesky factors of n × n correlation matrices: the strictly lower triangle, diagonals from unit rows. */
    static Space corrCholesky(int n) {
        long[] pos = trilPositions(n, -1);
        Tensor index = fillIndex(n, pos, false);
        return new Space(new int[] {n, n}, pos.length) {
            @Override
            Tensor embed(Tensor f) {
                Tensor strict = fill(f, n, index);
                return strict.add(strict.square().sum(-1).rsub(1.0).sqrt().diagEmbed());
            }

            @Override
            Tensor extract(Tensor x) {
                return pick(x, n, pos);
            }
        };
    }

    // ---- cases ------------------------------------------------------------------------------------------------

    /** A transform, its input and output spaces, and a generator of inputs in its domain. */
    record Case(String name, Transform t, Space in, Space out, BiFunction<Random, int[], Tensor> inputs) {

        /** The inverse transform, fed with forward images of this case's inputs. */
        Case inverse() {
            return new Case("inv(" + name + ")", t.inv(), out, in, (r, b) -> t.forward(inputs.apply(r, b)));
        }
    }

    /** A case whose free input coordinates are uniform on {@code [-range, range]}. */
    static Case real(String name, Transform t, Space in, Space out, double range) {
        return new Case(name, t, in, out, (r, b) -> in.embed(uniform(r, -range, range, append(b, in.free))));
    }

    static Tensor f64(double... v) {
        return Tensor.of(v, DType.FLOAT64, v.length);
    }

    /** Every transform, with vector sizes from n and matrix orders n (correlation factors: n + 1). */
    static List<Case> cases(int n) {
        List<Case> c = new ArrayList<>();
        double[] locs = new double[n];
        double[] scales = new double[n];
        for (int i = 0; i < n; i++) {
            locs[i] = 0.3 * i - 0.5;
            scales[i] = (i % 2 == 0 ? 1 : -1) * (0.5 + 0.4 * i);
        }
        c.add(real("Exp", ExpTransform.of(), scalar(), scalar(), 5));
        c.add(real("Affine(0.7, -2.5)", AffineTransform.of(0.7, -2.5), scalar(), scalar(), 5));
        c.add(real("Affine(tensor, eventDim 1)", AffineTransform.of(f64(locs), f64(scales), 1), flat(n), flat(n), 5));
        c.add(real("Affine(scalar tensors, eventDim 1)", AffineTransform.of(Tensor.scalar(2.0, DType.FLOAT64),
                Tensor.scalar(-0.5, DType.FLOAT64), 1), flat(n), flat(n), 5));
        c.add(real("Sigmoid", SigmoidTransform.of(), scalar(), scalar(), 5));
        c.add(real("Tanh", TanhTransform.of(), scalar(), scalar(), 3));
        c.add(real("Softplus", SoftplusTransform.of(), scalar(), scalar(), 5));
        c.add(real("StickBreaking", StickBreakingTransform.of(), flat(n), simplex(n + 1), 3));
        c.add(real("LowerCholesky", LowerCholeskyTransform.of(), lowerTriangular(n), lowerTriangular(n), 2));
        c.add(real("PositiveDefinite", PositiveDefiniteTransform.of(), lowerTriangular(n), symmetric(n), 1.5));
        c.add(real("CorrCholesky", CorrCholeskyTransform.of(), flat(n * (n + 1) / 2), corrCholesky(n + 1), 2));
        c.add(real("Compose()", ComposeTransform.of(), scalar(), scalar(), 5));
        c.add(real("Compose(Exp, Affine)", ComposeTransform.of(ExpTransform.of(), AffineTransform.of(1.5, -0.5)),
                scalar(), scalar(), 3));
        c.add(real("Compose(Tanh, Affine, inv(Softplus))", ComposeTransform.of(TanhTransform.of(),
                AffineTransform.of(2.0, 1.5), SoftplusTransform.of().inv()), scalar(), scalar(), 3));
        c.add(real("Compose(Affine eventDim 1, StickBreaking)", ComposeTransform.of(AffineTransform.of(f64(locs),
                f64(scales), 1), StickBreakingTransform.of()), flat(n), simplex(n + 1), 2));
        c.add(real("Compose(Exp, StickBreaking)", ComposeTransform.of(ExpTransform.of(),
                StickBreakingTransform.of()), flat(n), simplex(n + 1), 1.5));
        // matrices, every intermediate in its part's domain: x -> L L^T -> x -> LowerCholesky(x); log|det| = sum x_ii.
        // (An elementwise map of a whole lower-triangular matrix would not do: its log-det counts all n^2 entries,
        // the fixed upper zeros included; nor would feeding a non-symmetric matrix to inv(PositiveDefinite), whose
        // Cholesky reads one triangle while its gradient is symmetrized.)
        c.add(real("Compose(PositiveDefinite, inv(PositiveDefinite), LowerCholesky)", ComposeTransform.of(
                PositiveDefiniteTransform.of(), PositiveDefiniteTransform.of().inv(), LowerCholeskyTransform.of()),
                lowerTriangular(n), lowerTriangular(n), 1.5));
        c.add(real("Compose(CorrCholesky, inv(CorrCholesky), Affine eventDim 1)", ComposeTransform.of(
                CorrCholeskyTransform.of(), CorrCholeskyTransform.of().inv(), AffineTransform.of(0.5, -3.0, 1)),
                flat(n * (n + 1) / 2), flat(n * (n + 1) / 2), 2));
        c.add(real("Independent(Exp, 1)", IndependentTransform.of(ExpTransform.of(), 1), flat(n), flat(n), 5));
        c.add(real("Independent(Sigmoid, 2)", IndependentTransform.of(SigmoidTransform.of(), 2), flat(2, n),
                flat(2, n), 5));
        c.add(real("Identity(0)", IdentityTransform.of(0), scalar(), scalar(), 5));
        c.add(real("Identity(1)", IdentityTransform.of(1), flat(n), flat(n), 5));
        c.add(real("Identity(2)", IdentityTransform.of(2), flat(2, n), flat(2, n), 5));
        List<Case> all = new ArrayList<>(c);
        for (Case k : c) {
            all.add(k.inverse());
        }
        return all;
    }

    // ---- the properties ---------------------------------------------------------------------------------------

    @Property(tries = 25)
    void roundTripsShapesAndLogDetJacobians(@ForAll @IntRange(min = 1, max = 4) int n,
                                            @ForAll @IntRange(min = 0, max = 2) int batchRank,
                                            @ForAll long seed) {
        Random r = new Random(seed);
        int[] batch = randomShape(r, batchRank, 3);
        for (Case c : cases(n)) {
            check(c, batch, r);
        }
    }

    private static void check(Case c, int[] batch, Random r) {
        Transform t = c.t();
        String what = c.name() + " on batch " + Arrays.toString(batch);
        Tensor x = c.inputs().apply(r, batch);
        assertArrayEquals(concat(batch, c.in().eventShape), x.shape(), what + ": input shape");
        assertTrue(t.domain().check(x).all().item() != 0, what + ": input in the domain " + t.domain());
        Tensor y = t.forward(x);
        assertArrayEquals(concat(batch, c.out().eventShape), y.shape(), what + ": output shape");
        assertArrayEquals(y.shape(), t.forwardShape(x.shape()), what + ": forwardShape");
        assertArrayEquals(x.shape(), t.inverseShape(y.shape()), what + ": inverseShape");
        assertTrue(t.codomain().check(y).all().item() != 0, what + ": output in the codomain " + t.codomain());
        assertEquals(c.in().eventShape.length, t.domain().eventDim(), what + ": domain event dims");
        assertEquals(c.out().eventShape.length, t.codomain().eventDim(), what + ": codomain event dims");
        assertTrue(t.isBijective(), what);

        assertNear(x, t.inverse(y), 1e-9, what + ": inverse(forward(x)) = x");
        assertNear(y, t.forward(t.inverse(y)), 1e-9, what + ": forward(inverse(y)) = y");

        Tensor ladj = t.logAbsDetJacobian(x, y);
        assertArrayEquals(batch, ladj.shape(), what + ": logAbsDetJacobian shape");
        double[] expected = ladj.toDoubleArray();

        Tensor f0 = c.in().extract(x);
        assertNear(x, c.in().embed(f0), 1e-12, what + ": coordinates rebuild the input");
        double[][][] fd = finiteDifferenceJacobians(c, f0, batch);
        double[][][] ad = autodiffJacobians(c, f0, batch);
        for (int b = 0; b < expected.length; b++) {
            double e = expected[b];
            assertEquals(logAbsDet(fd[b]), e, 1e-6 * (1 + Math.abs(e)), what + " [" + b
                    + "]: log|det J| by finite differences");
            assertEquals(logAbsDet(ad[b]), e, 1e-9 * (1 + Math.abs(e)), what + " [" + b
                    + "]: log|det J| by autodiff");
        }
    }

    /** {@code g(f) = out.extract(t.forward(in.embed(f)))}: the map between free coordinates. */
    private static Tensor freeMap(Case c, Tensor f) {
        return c.out().extract(c.t().forward(c.in().embed(f)));
    }

    /**
     * Per batch element, the m × m central-difference Jacobian of the free-coordinate map, in one batched call. The
     * step is relative to the coordinate ({@code STEP · max(|f|, 0.01)}): coordinates near a boundary, such as the
     * small components of a simplex under a log, have curvature on their own scale, and an absolute step there
     * leaves a truncation error of order {@code (STEP / f)^2} relative.
     */
    private static double[][][] finiteDifferenceJacobians(Case c, Tensor f0, int[] batch) {
        int m = c.in().free;
        assertEquals(m, c.out().free, c.name() + ": as many free output as input coordinates");
        int count = numel(batch);
        double[] base = f0.toDoubleArray(); // [batch, m]
        double[] h = new double[count * m];
        double[] steps = new double[2 * m * count * m];
        for (int j = 0; j < m; j++) {
            for (int b = 0; b < count; b++) {
                double hj = STEP * Math.max(Math.abs(base[b * m + j]), 0.01);
                h[b * m + j] = hj;
                steps[((2 * j) * count + b) * m + j] = hj;
                steps[((2 * j + 1) * count + b) * m + j] = -hj;
            }
        }
        int[] stepShape = concat(new int[] {2 * m}, f0.shape());
        Tensor perturbed = f0.unsqueeze(0).add(Tensor.of(steps, DType.FLOAT64, stepShape));
        double[] g = freeMap(c, perturbed).toDoubleArray(); // [2m, batch, m]
        double[][][] jac = new double[count][m][m];
        for (int j = 0; j < m; j++) {
            for (int b = 0; b < count; b++) {
                for (int o = 0; o < m; o++) {
                    double plus = g[((2 * j) * count + b) * m + o];
                    double minus = g[((2 * j + 1) * count + b) * m + o];
                    jac[b][o][j] = (plus - minus) / (2 * h[b * m + j]);
                }
            }
        }
        return jac;
    }

    /** Per batch element, the Jacobian of the free-coordinate map by reverse mode, one backward pass per output. */
    private static double[][][] autodiffJacobians(Case c, Tensor f0, int[] batch) {
        int m = c.in().free;
        Tensor f = f0.detach().requiresGrad(true);
        Tensor g = freeMap(c, f);
        int count = numel(batch);
        double[][][] jac = new double[count][m][m];
        for (int o = 0; o < m; o++) {
            double[] row = Grad.of(g.narrow(-1, o, 1).sum(), f)[0].toDoubleArray();
            for (int b = 0; b < count; b++) {
                for (int j = 0; j < m; j++) {
                    jac[b][o][j] = row[b * m + j];
                }
            }
        }
        return jac;
    }

    private static void assertNear(Tensor expected, Tensor got, double tol, String what) {
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] g = got.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - g[i]) <= tol * (1 + Math.abs(e[i])), what + " [" + i + "]: expected " + e[i]
                    + ", got " + g[i]);
        }
    }

    // ---- bijectTo / transformTo -------------------------------------------------------------------------------

    /** A constraint, the event shape its values take for size n, and the input range its bijection is tested on. */
    record Target(Constraint c, int[] eventShape, double range) {
    }

    static List<Target> targets(int n, Random r) {
        double a = Math.round(r.nextDouble() * 2000 - 1000) / 7.0;
        double b = a + 0.01 + r.nextDouble() * 50;
        Tensor lo = uniform(r, -5, 5, n);
        Tensor hi = lo.add(uniform(r, 0.01, 3, n));
        List<Target> t = new ArrayList<>();
        double wide = 20;
        t.add(new Target(Constraint.real(), new int[0], wide));
        t.add(new Target(Constraint.realVector(), new int[] {n}, wide));
        t.add(new Target(Constraint.positive(), new int[0], wide));
        t.add(new Target(Constraint.nonNegative(), new int[0], wide));
        t.add(new Target(Constraint.greaterThan(a), new int[0], wide));
        t.add(new Target(Constraint.greaterThanEq(a), new int[0], wide));
        t.add(new Target(Constraint.lessThan(b), new int[0], wide));
        t.add(new Target(Constraint.interval(a, b), new int[0], wide));
        t.add(new Target(Constraint.unitInterval(), new int[0], wide));
        t.add(new Target(Constraint.simplex(), new int[] {n + 1}, wide));
        t.add(new Target(Constraint.lowerCholesky(), new int[] {n, n}, wide));
        t.add(new Target(Constraint.positiveDefinite(), new int[] {n, n}, 5));
        t.add(new Target(Constraint.corrCholesky(), new int[] {n + 1, n + 1}, wide));
        t.add(new Target(Constraint.independent(Constraint.positive(), 1), new int[] {n}, wide));
        t.add(new Target(Constraint.independent(Constraint.interval(a, b), 2), new int[] {2, n}, wide));
        t.add(new Target(Constraint.independent(Constraint.simplex(), 1), new int[] {2, n + 1}, wide));
        t.add(new Target(Constraint.greaterThan(lo), new int[] {n}, wide));
        t.add(new Target(Constraint.interval(lo, hi), new int[] {n}, wide));
        return t;
    }

    /**
     * {@code bijectTo(c)} maps unconstrained inputs into the support of c: inputs uniform on [-20, 20] with both
     * endpoints present (on [-5, 5] for positiveDefinite, whose factors' diagonals e^x otherwise make L L^T too
     * ill-conditioned for a float64 Cholesky), every output passes {@code c.check}, and the output has the requested
     * shape. {@code transformTo(c)} does the same.
     */
    @Property(tries = 40)
    void bijectToMapsRealsIntoTheSupport(@ForAll @IntRange(min = 1, max = 4) int n,
                                         @ForAll @IntRange(min = 0, max = 2) int batchRank, @ForAll long seed) {
        Random r = new Random(seed);
        int[] batch = randomShape(r, batchRank, 3);
        for (Target target : targets(n, r)) {
            for (boolean bijective : new boolean[] {true, false}) {
                Transform t = bijective ? Transforms.bijectTo(target.c()) : Transforms.transformTo(target.c());
                int[] outShape = concat(batch, target.eventShape());
                int[] inShape = t.inverseShape(outShape);
                double[] v = uniform(r, -target.range(), target.range(), inShape).toDoubleArray();
                v[0] = -target.range();
                v[v.length - 1] = target.range();
                if (v.length > 2) {
                    v[1] = target.range();
                    v[v.length - 2] = -target.range();
                }
                Tensor x = Tensor.of(v, DType.FLOAT64, inShape);
                Tensor y = t.forward(x);
                String what = (bijective ? "bijectTo(" : "transformTo(") + target.c() + ") = " + t + " on "
                        + Arrays.toString(inShape);
                assertArrayEquals(outShape, y.shape(), what + ": shape");
                assertArrayEquals(outShape, t.forwardShape(inShape), what + ": forwardShape");
                Tensor ok = target.c().check(y);
                assertTrue(ok.all().item() != 0, what + ": some outputs are outside the support: " + y);
                assertEquals(target.c().eventDim(), t.codomain().eventDim(), what + ": codomain event dims");
                if (bijective) {
                    assertTrue(t.isBijective(), what);
                }
            }
        }
    }

    @Test
    void transformToSimplexIsSoftmax() {
        Transform t = Transforms.transformTo(Constraint.simplex());
        assertInstanceOf(SoftmaxTransform.class, t);
        assertFalse(t.isBijective());
        Tensor x = uniform(new Random(2), -3, 3, 4, 5);
        DistTestSupport.assertClose(x.softmax(-1), t.forward(x), 0, 0, "softmax");
        assertTrue(Constraint.simplex().check(t.forward(x)).all().item() != 0);
        DistTestSupport.assertClose(t.forward(x), t.forward(t.inverse(t.forward(x))), 1e-12, 1e-15,
                "inverse is a preimage");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> t.logAbsDetJacobian(x, t.forward(x)));
        assertTrue(e.getMessage().contains("not bijective"), e.getMessage());
        assertInstanceOf(StickBreakingTransform.class, Transforms.bijectTo(Constraint.simplex()));
    }

    @Test
    void discreteConstraintsHaveNoBijection() {
        for (Constraint c : new Constraint[] {Constraint.integer(), Constraint.nonNegativeInteger(),
            Constraint.positiveInteger(), Constraint.bool(), Constraint.integerInterval(0, 5),
            Constraint.integerInterval(Tensor.of(3.0, 4.0)), Constraint.independent(Constraint.bool(), 1)}) {
            for (boolean bijective : new boolean[] {true, false}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                    Transform unused = bijective ? Transforms.bijectTo(c) : Transforms.transformTo(c);
                });
                assertTrue(e.getMessage().contains("discrete") && e.getMessage().contains(c.toString()),
                        e.getMessage());
            }
        }
    }

    @Test
    void affineLogDetBroadcastsWithItsParameters() {
        // a vector scale acting on scalar inputs: one log|scale_i| per broadcast element
        Transform t = AffineTransform.of(Tensor.zeros(DType.FLOAT64, 3), f64(1, 2, 4));
        Tensor x = Tensor.scalar(0.5, DType.FLOAT64);
        assertArrayEquals(new int[] {3}, t.forward(x).shape());
        assertArrayEquals(new int[] {3}, t.forwardShape(new int[0]));
        DistTestSupport.assertClose(f64(0, Math.log(2), Math.log(4)), t.logAbsDetJacobian(x, t.forward(x)), 1e-15,
                0, "log|scale|");
    }

    @Test
    void invalidEventDimsAndSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AffineTransform.of(Tensor.scalar(0.0),
                Tensor.scalar(1.0), -1));
        assertThrows(IllegalArgumentException.class, () -> IndependentTransform.of(ExpTransform.of(), -1));
        IllegalArgumentException corr = assertThrows(IllegalArgumentException.class,
                () -> CorrCholeskyTransform.of().forward(Tensor.zeros(DType.FLOAT64, 4)));
        assertTrue(corr.getMessage().contains("n(n-1)/2"), corr.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StickBreakingTransform.of().forwardShape(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> CorrCholeskyTransform.of().inverseShape(new int[] {2, 3}));
    }

    @Test
    void inverseOfInverseIsTheTransform() {
        for (Case c : cases(2)) {
            if (!c.name().startsWith("inv(")) {
                assertEquals(c.t(), c.t().inv().inv(), c.name());
            }
        }
    }
}
