package io.pplj.tensor;

import java.util.Locale;

/**
 * Lower-case names of operation enums ({@code BinaryOp.ADD} is {@code "add"}) for messages, computed once per enum
 * class, so naming an operation on the hot path allocates nothing.
 */
final class OpNames {

    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
                names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
            }
            return names;
        }
    };

    private OpNames() {
    }

    /** The lower-case name of {@code op}. */
    static String of(Enum<?> op) {
        return NAMES.get(op.getDeclaringClass())[op.ordinal()];
    }

    /** The name of an operation given as an enum or as any object (its string form). */
    static String of(Object op) {
        return op instanceof Enum ? of((Enum<?>) op) : String.valueOf(op);
    }
}
