package io.pplj.nn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VAE example on small data: SVI reaches a stated ELBO, well above the best model without latent structure,
 * reconstructions improve from checkpoint to checkpoint, and the PNG grid is written.
 */
class VaeExampleTest {

    @Test
    void vaeReachesItsElboAndReconstructionsImprove(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("grid.png");
        VaeExample.Result r = VaeExample.train(7, 512, 12, 64, 400, 64, 4, png);
        // 144 binary pixels: the first steps score about -90 nats per image, independent pixels at their empirical
        // rates -47.9; this run reaches about -26 (a fixed seed, so the margin covers platform differences only)
        double first = Arrays.stream(r.elboPerImage(), 0, 10).average().orElseThrow();
        assertTrue(first < -60, "initial ELBO per image " + first);
        assertTrue(r.finalElboPerImage() > -30.0, "ELBO per image " + r.finalElboPerImage());
        assertTrue(r.finalElboPerImage() > r.baselinePerImage() + 10, "ELBO " + r.finalElboPerImage()
                + " vs independent-pixel baseline " + r.baselinePerImage());
        List<Double> e = r.errors();
        assertTrue(e.get(e.size() - 1) < 0.5 * e.get(0), "reconstruction error " + e);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(8 * 13 * 4 + 4, img.getWidth());
        assertEquals(6 * 13 * 4 + 4, img.getHeight());
    }
}
