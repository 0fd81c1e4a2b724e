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
                return new CpuStorage.F32(backend, o);
            }
            case FLOAT64:
                return new CpuStorage.F64(backend, v);
            case INT64: {
                long[] o = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    o[i] = (long) v[i];
                }
                return new CpuStorage.I64(backend, o);
            }
            default: {
                boolean[] o = new boolean[v.length];
                for (int i = 0; i < v.length; i++) {
                    o[i] = v[i] != 0.0;
                }
                return new CpuStorage.Bool(backend, o);
            }
        }
    }

    static double[] toDoubles(CpuStorage s) {
        if (s instanceof CpuStorage.F64) {
            return ((CpuStorage.F64) s).data.clone();
        }
        double[] o = new double[s.size()];
        if (s instanceof CpuStorage.F32) {
            float[] x = ((CpuStorage.F32) s).data;
            for (int i = 0; i < o.length; i++) {
                o[i] = x[i];
            }
        } else if (s instanceof CpuStorage.I64) {
            long[] x = ((CpuStorage.I64) s).data;
            for (int i = 0; i < o.length; i++) {
                o[i] = x[i];
            }
        } else {
            boolean[] x = ((CpuStorage.Bool) s).data;
            for (int i = 0; i < o.length; i++) {
                o[i] = x[i] ? 1.0 : 0.0;
            }
        }
        return o;
    }

    static CpuStorage cast(CpuBackend backend, CpuStorage s, DType dtype) {
        if (s instanceof CpuStorage.I64 && dtype == DType.BOOL) {
            long[] x = ((CpuStorage.I64) s).data;
            boolean[] o = new boolean[x.length];
            for (int i = 0; i < x.length; i++) {
                o[i] = x[i] != 0L;
            }
            return new CpuStorage.Bool(backend, o);
        }
        if (s instanceof CpuStorage.F64 && dtype == DType.FLOAT32) {
            double[] x = ((CpuStorage.F64) s).data;
            float[] o = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                o[i] = (float) x[i];
            }
            return new CpuStorage.F32(backend, o);
        }
        return fromDoubles(backend, toDoubles(s), dtype);
    }

    static CpuStorage.Bool classify(CpuBackend backend, CpuStorage s, boolean finite) {
        boolean[] o = new boolean[s.size()];
        if (s instanceof CpuStorage.F32) {
            float[] x = ((CpuStorage.F32) s).data;
            for (int i = 0; i < o.length; i++) {
                o[i] = finite ? Float.isFinite(x[i]) : Float.isNaN(x[i]);
            }
        } else if (s instanceof CpuStorage.F64) {
            double[] x = ((CpuStorage.F64) s).data;
            for (int i = 0; i < o.length; i++) {
                o[i] = finite ? Double.isFinite(x[i]) : Double.isNaN(x[i]);
            }
        } else {
            java.util.Arrays.fill(o, finite);
        }
        return new CpuStorage.Bool(backend, o);
    }
}
