package io.pplj.tensor.cpu;

import io.pplj.tensor.Backend;
import io.pplj.tensor.DType;
import io.pplj.tensor.Storage;

/** CPU storages: one Java array per tensor, never modified after the kernel that filled it returns. */
abstract class CpuStorage implements Storage {

    private final CpuBackend backend;

    CpuStorage(CpuBackend backend) {
        this.backend = backend;
    }

    @Override
    public final Backend backend() {
        return backend;
    }

    /** Element {@code i} as a double. */
    abstract double getDouble(int i);

    /** Float32 elements. */
    static final class F32 extends CpuStorage {
        final float[] data;

        F32(CpuBackend backend, float[] data) {
            super(backend);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        double getDouble(int i) {
            return data[i];
        }
    }

    /** Float64 elements. */
    static final class F64 extends CpuStorage {
        final double[] data;

        F64(CpuBackend backend, double[] data) {
            super(backend);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        double getDouble(int i) {
            return data[i];
        }
    }

    /** Int64 elements. */
    static final class I64 extends CpuStorage {
        final long[] data;

        I64(CpuBackend backend, long[] data) {
            super(backend);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.INT64;
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        double getDouble(int i) {
            return data[i];
        }
    }

    /** Boolean elements. */
    static final class Bool extends CpuStorage {
        final boolean[] data;

        Bool(CpuBackend backend, boolean[] data) {
            super(backend);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.BOOL;
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        double getDouble(int i) {
            return data[i] ? 1.0 : 0.0;
        }
    }
}
