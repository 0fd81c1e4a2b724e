package io.pplj.nn;

/** Validation and formatting of the {@code (height, width)} pairs of convolution and pooling layers. */
final class Pairs {

    private Pairs() {
    }

    /**
     * {@code {height, width}} after checking that both are at least {@code min}.
     *
     * @throws IllegalArgumentException naming the layer kind and the setting otherwise
     */
    static int[] check(String kind, String what, int min, int height, int width) {
        if (height < min || width < min) {
            throw new IllegalArgumentException(kind + ": " + what + " must be at least " + min + ", got (" + height
                    + ", " + width + ")");
        }
        return new int[] {height, width};
    }

    /** PyTorch's way of printing a pair: {@code (h, w)}. */
    static String format(int[] pair) {
        return "(" + pair[0] + ", " + pair[1] + ")";
    }
}
