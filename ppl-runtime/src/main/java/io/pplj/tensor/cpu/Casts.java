package io.pplj.tensor.cpu;

import io.pplj.tensor.DType;

/** Conversions between CPU storage types, and NaN/finiteness tests. */
final class Casts {

    private Casts() {
    }

    static CpuStorage fromDoubles(CpuBackend backend, double[] v, DType dtype) {
        switch (dtype) {
            case FLOAT32: {
                float[] o = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    o[i] = (float) v[i];
                }
                return CpuStorage.of(backend, o);
            }
            case FLOAT64:
                return CpuStorage.of(backend, v);
            case INT64: {
                long[] o = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    o[i] = (long) v[i];
                }
                return CpuStorage.of(backend, o);
            }
            default: {
                boolean[] o = new boolean[v.length];
                for (int i = 0; i < v.length; i++) {
                    o[i] = v[i] != 0.0;
                }
                return CpuStorage.of(backend, o);
            }
        }
    }

    static double[] toDoubles(CpuStorage s) {
        if (s.dtype() == DType.FLOAT64) {
            return s.f64().clone();
        }
        double[] o = new double[s.size()];
        if (s.dtype() == DType.FLOAT32) {
            float[] x = s.f32();
            for (int i = 0; i < o.length; i++) {
                o[i] = x[i];
            }
        } else if (s.dtype() == DType.INT64) {
            long[] x = s.i64();
            for (int i = 0; i < o.length; i++) {
                o[i] = x[i];
            }
        } else {
            boolean[] x = s.bool();
            for (int i = 0; i < o.length; i++) {
                o[i] = x[i] ? 1.0 : 0.0;
            }
        }
        return o;
    }

    static CpuStorage cast(CpuBackend backend, CpuStorage s, DType dtype) {
        if (s.dtype() == DType.INT64 && dtype == DType.BOOL) {
            long[] x = s.i64();
            boolean[] o = new boolean[x.length];
            for (int i = 0; i < x.length; i++) {
                o[i] = x[i] != 0L;
            }
            return CpuStorage.of(backend, o);
        }
        if (s.dtype() == DType.INT64 && dtype == DType.FLOAT32) {
            long[] x = s.i64();
            float[] o = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                o[i] = (float) x[i];
            }
            return CpuStorage.of(backend, o);
        }
        if (s.dtype() == DType.FLOAT64 && dtype == DType.FLOAT32) {
            double[] x = s.f64();
            float[] o = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                o[i] = (float) x[i];
            }
            return CpuStorage.of(backend, o);
        }
        return fromDoubles(backend, toDoubles(s), dtype);
    }

    static CpuStorage classify(CpuBackend backend, CpuStorage s, boolean finite) {
        boolean[] o = new boolean[s.size()];
        if (s.dtype() == DType.FLOAT32) {
            float[] x = s.f32();
            for (int i = 0; i < o.length; i++) {
                o[i] = finite ? Float.isFinite(x[i]) : Float.isNaN(x[i]);
            }
        } else if (s.dtype() == DType.FLOAT64) {
            double[] x = s.f64();
            for (int i = 0; i < o.length; i++) {
                o[i] = finite ? Double.isFinite(x[i]) : Double.isNaN(x[i]);
            }
        } else {
            java.util.Arrays.fill(o, finite);
        }
        return CpuStorage.of(backend, o);
    }
}
