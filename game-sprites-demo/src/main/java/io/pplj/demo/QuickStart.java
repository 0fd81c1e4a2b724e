package io.pplj.demo;

import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Locale;

/**
 * The quick start: draws a data set from a logistic-regression model with known coefficients, then recovers them
 * as the posterior mode under a standard-normal prior, by gradient descent on
 * {@code -log p(w, b | x, y) = sum_i [softplus(l_i) - y_i l_i] + |w|^2 / 2 + b^2 / 2} with {@code l = x w + b},
 * all through PPL-J's tensors and autodiff. Prints the fit and the training accuracy.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /**
     * Runs the example.
     *
     * @param args optional: the number of data points (default 2000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].trim()) : 2000;
        Rng.seed(2026);
        Tensor trueW = Tensor.of(1.5, -2.0, 0.5);
        double trueB = 0.3;
        Tensor x = Tensor.randn(n, 3);
        Tensor y = Rng.current().bernoulli(x.matmul(trueW).add(trueB).sigmoid());

        Tensor w = Tensor.zeros(3).requiresGrad(true);
        Tensor b = Tensor.scalar(0.0).requiresGrad(true);
        double lr = 1.0 / n;
        for (int step = 1; step <= 400; step++) {
            Tensor logits = x.matmul(w).add(b);
            Tensor nll = logits.softplus().sub(y.mul(logits)).sum();
            Tensor loss = nll.add(w.square().sum().mul(0.5)).add(b.square().mul(0.5));
            Tensor[] g = Grad.of(loss, w, b);
            w = w.sub(g[0].mul(lr)).detach().requiresGrad(true);
            b = b.sub(g[1].mul(lr)).detach().requiresGrad(true);
            if (step % 100 == 0) {
                System.out.printf(Locale.ROOT, "step %3d  -log posterior %.2f%n", step, loss.item());
            }
        }
        Tensor predicted = x.matmul(w).add(b).gt(0.0).asType(y.dtype());
        double accuracy = predicted.eq(y).asType(y.dtype()).mean().item();
        System.out.println("true coefficients  w = " + trueW + ", b = " + trueB);
        System.out.println("posterior mode     w = " + w.detach() + ", b = "
                + String.format(Locale.ROOT, "%.3f", b.item()));
        System.out.printf(Locale.ROOT, "training accuracy  %.1f%% on %d points%n", 100 * accuracy, n);
    }
}
