package io.pplj.tensor.cpu;

import io.pplj.tensor.Backend;
import io.pplj.tensor.DType;
import io.pplj.tensor.Storage;

/**
 * A CPU storage: one Java array ({@code float[]}, {@code double[]}, {@code long[]} or {@code boolean[]} by type),
 * never modified after the kernel that filled it returns.
 */
final class CpuStorage implements Storage {

    private final CpuBackend backend;
    private final DType dtype;
    private final int size;
    final Object data;

    private CpuStorage(CpuBackend backend, DType dtype, Object data, int size) {
        this.backend = backend;
        this.dtype = dtype;
        this.data = data;
        this.size = size;
    }

    static CpuStorage of(CpuBackend backend, float[] data) {
        return new CpuStorage(backend, DType.FLOAT32, data, data.length);
    }

    static CpuStorage of(CpuBackend backend, double[] data) {
        return new CpuStorage(backend, DType.FLOAT64, data, data.length);
    }

    static CpuStorage of(CpuBackend backend, long[] data) {
        return new CpuStorage(backend, DType.INT64, data, data.length);
    }

    static CpuStorage of(CpuBackend backend, boolean[] data) {
        return new CpuStorage(backend, DType.BOOL, data, data.length);
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    float[] f32() {
        return (float[]) data;
    }

    double[] f64() {
        return (double[]) data;
    }

    long[] i64() {
        return (long[]) data;
    }

    boolean[] bool() {
        return (boolean[]) data;
    }

    /** Element {@code i} as a double (booleans as 0 and 1). */
    double getDouble(int i) {
        switch (dtype) {
            case FLOAT32: return f32()[i];
            case FLOAT64: return f64()[i];
            case INT64: return i64()[i];
            default: return bool()[i] ? 1.0 : 0.0;
        }
    }
}
