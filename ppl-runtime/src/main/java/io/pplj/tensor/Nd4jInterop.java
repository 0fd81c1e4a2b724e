package io.pplj.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between tensors and ND4J arrays (C order, same shape, matching element type). */
final class Nd4jInterop {

    private Nd4jInterop() {
    }

    static Tensor fromINDArray(INDArray array) {
        long[] lshape = array.shape();
        int[] shape = new int[lshape.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact(lshape[i]);
        }
        boolean plainC = array.ordering() == 'c' && !array.isView() && Shape.hasDefaultStridesForShape(array);
        INDArray c = plainC ? array : array.dup('c');
        DataType type = c.dataType();
        Backend backend = Backends.current();
        if (array.isEmpty()) {
            DType dtype = type == DataType.DOUBLE ? DType.FLOAT64 : type.isFPType() ? DType.FLOAT32
                    : type == DataType.BOOL ? DType.BOOL : DType.INT64;
            return new Tensor(backend.zeros(dtype, 0), shape);
        }
        if (type == DataType.DOUBLE) {
            return new Tensor(backend.fromDoubles(c.data().asDouble(), DType.FLOAT64), shape);
        }
        if (type.isFPType()) {
            INDArray f = type == DataType.FLOAT ? c : c.castTo(DataType.FLOAT);
            return new Tensor(backend.fromFloats(f.data().asFloat()), shape);
        }
        if (type == DataType.BOOL) {
            return new Tensor(backend.fromLongs(c.castTo(DataType.INT64).data().asLong()), shape).ne(0.0);
        }
        if (type.isIntType()) {
            return new Tensor(backend.fromLongs(c.data().asLong()), shape);
        }
        throw new IllegalArgumentException("fromINDArray: unsupported ND4J data type " + type);
    }

    static INDArray toINDArray(Tensor t) {
        long[] shape = new long[t.dim()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.shapeRef()[i];
        }
        switch (t.dtype()) {
            case FLOAT32: return Nd4j.create(t.toFloatArray(), shape, 'c');
            case FLOAT64: return Nd4j.create(t.toDoubleArray(), shape, 'c');
            case INT64: return Nd4j.createFromArray(t.toLongArray()).reshape('c', shape);
            default: return Nd4j.createFromArray(t.toBooleanArray()).reshape('c', shape);
        }
    }
}
