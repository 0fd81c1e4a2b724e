package io.pplj.tensor;

/**
 * Direct nested-loop reference implementations of convolution, transposed convolution and pooling on double arrays
 * in NCHW layout, written from the defining sums (PyTorch semantics) and independent of the im2col kernels.
 */
final class ConvReference {

    private ConvReference() {
    }

    /** The output size {@code floor((in + 2 pad - dil (k - 1) - 1) / stride) + 1}. */
    static int outSize(int in, int k, int stride, int pad, int dil) {
        return Math.floorDiv(in + 2 * pad - dil * (k - 1) - 1, stride) + 1;
    }

    /** conv2d of x [n, c, h, w] with weight [o, c/groups, kh, kw] and optional bias [o]. */
    static double[] conv2d(double[] x, int[] xs, double[] wt, int[] ws, double[] bias, int[] stride, int[] pad,
                           int[] dil, int groups) {
        int n = xs[0];
        int c = xs[1];
        int h = xs[2];
        int w = xs[3];
        int o = ws[0];
        int cg = ws[1];
        int og = o / groups;
        int oh = outSize(h, ws[2], stride[0], pad[0], dil[0]);
        int ow = outSize(w, ws[3], stride[1], pad[1], dil[1]);
        double[] y = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < o; f++) {
                int g = f / og;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = bias == null ? 0 : bias[f];
                        for (int ch = 0; ch < cg; ch++) {
                            for (int p = 0; p < ws[2]; p++) {
                                for (int q = 0; q < ws[3]; q++) {
                                    int ih = i * stride[0] - pad[0] + p * dil[0];
                                    int iw = j * stride[1] - pad[1] + q * dil[1];
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                        s += wt[((f * cg + ch) * ws[2] + p) * ws[3] + q]
                                                * x[((b * c + g * cg + ch) * h + ih) * w + iw];
                                    }
                                }
                            }
                        }
                        y[((b * o + f) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return y;
    }

    /** The output size of a transposed convolution. */
    static int transposedSize(int in, int k, int stride, int pad, int outPad, int dil) {
        return (in - 1) * stride - 2 * pad + dil * (k - 1) + outPad + 1;
    }

    /** convTranspose2d of x [n, cin, h, w] with weight [cin, cout/groups, kh, kw]: each input scatters. */
    static double[] convTranspose2d(double[] x, int[] xs, double[] wt, int[] ws, double[] bias, int[] stride,
                                    int[] pad, int[] outPad, int[] dil, int groups) {
        int n = xs[0];
        int cin = xs[1];
        int h = xs[2];
        int w = xs[3];
        int coutG = ws[1];
        int cout = coutG * groups;
        int cinG = cin / groups;
        int oh = transposedSize(h, ws[2], stride[0], pad[0], outPad[0], dil[0]);
        int ow = transposedSize(w, ws[3], stride[1], pad[1], outPad[1], dil[1]);
        double[] y = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < cout; f++) {
                for (int k = 0; k < oh * ow; k++) {
                    y[(b * cout + f) * oh * ow + k] = bias == null ? 0 : bias[f];
                }
            }
            for (int ch = 0; ch < cin; ch++) {
                int g = ch / cinG;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double v = x[((b * cin + ch) * h + i) * w + j];
                        for (int f = 0; f < coutG; f++) {
                            for (int p = 0; p < ws[2]; p++) {
                                for (int q = 0; q < ws[3]; q++) {
                                    int yh = i * stride[0] - pad[0] + p * dil[0];
                                    int yw = j * stride[1] - pad[1] + q * dil[1];
                                    if (yh >= 0 && yh < oh && yw >= 0 && yw < ow) {
                                        y[((b * cout + g * coutG + f) * oh + yh) * ow + yw] +=
                                                v * wt[((ch * coutG + f) * ws[2] + p) * ws[3] + q];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    /**
     * Max ({@code max = true}) or average pooling of planes [planes, h, w]; average divides by the kernel area
     * ({@code includePad}) or by the count of non-padding elements.
     */
    static double[] pool(double[] x, int planes, int h, int w, int[] k, int[] stride, int[] pad, int[] dil,
                         boolean max, boolean includePad) {
        int oh = outSize(h, k[0], stride[0], pad[0], dil[0]);
        int ow = outSize(w, k[1], stride[1], pad[1], dil[1]);
        double[] y = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int count = 0;
                    for (int p = 0; p < k[0]; p++) {
                        for (int q = 0; q < k[1]; q++) {
                            int ih = i * stride[0] - pad[0] + p * dil[0];
                            int iw = j * stride[1] - pad[1] + q * dil[1];
                            if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                double v = x[(pl * h + ih) * w + iw];
                                best = Math.max(best, v);
                                sum += v;
                                count++;
                            }
                        }
                    }
                    y[(pl * oh + i) * ow + j] = max ? best : sum / (includePad ? k[0] * k[1] : count);
                }
            }
        }
        return y;
    }
}
