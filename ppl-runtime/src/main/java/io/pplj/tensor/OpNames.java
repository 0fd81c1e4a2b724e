package io.pplj.tensor;

import java.util.Locale;

/**
 * Lower-case names of operation enums ({@code BinaryOp.ADD} is {@code "add"}) for messages. The names of the tensor
 * core's own operation enums are computed once, so naming an operation on the hot path is an array read and
 * allocates nothing; other enums are named on demand.
 */
final class OpNames {

    private static final String[] UNARY = names(UnaryOp.values());
    private static final String[] BINARY = names(BinaryOp.values());
    private static final String[] SCALAR = names(ScalarOp.values());
    private static final String[] REDUCE = names(ReduceOp.values());
    private static final String[] COMPARE = names(CompareOp.values());
    private static final String[] LOGICAL = names(LogicalOp.values());

    private OpNames() {
    }

    private static String[] names(Enum<?>[] constants) {
        String[] names = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            names[i] = lowerCase(constants[i]);
        }
        return names;
    }

    private static String lowerCase(Enum<?> op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    /** The lower-case name of {@code op}. */
    static String of(Enum<?> op) {
        int i = op.ordinal();
        if (op instanceof BinaryOp) {
            return BINARY[i];
        } else if (op instanceof UnaryOp) {
            return UNARY[i];
        } else if (op instanceof ScalarOp) {
            return SCALAR[i];
        } else if (op instanceof ReduceOp) {
            return REDUCE[i];
        } else if (op instanceof CompareOp) {
            return COMPARE[i];
        } else if (op instanceof LogicalOp) {
            return LOGICAL[i];
        }
        return lowerCase(op);
    }

    /** The name of an operation given as an enum or as any object (its string form). */
    static String of(Object op) {
        return op instanceof Enum ? of((Enum<?>) op) : String.valueOf(op);
    }
}
