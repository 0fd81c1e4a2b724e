package io.pplj.nn.examples;

import io.pplj.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes rows of grayscale images (values in [0, 1], each row a tensor {@code [count, h, w]}) as one PNG through the
 * JDK's ImageIO, each pixel scaled up to a {@code scale x scale} block, with a one-block gap between images.
 */
final class ImageGrid {

    private ImageGrid() {
    }

    static void write(Path file, List<Tensor> rows, int scale) throws IOException {
        int count = rows.get(0).size(0);
        int h = rows.get(0).size(1);
        int w = rows.get(0).size(2);
        int cell = (w + 1) * scale;
        BufferedImage img = new BufferedImage(count * cell + scale, rows.size() * (h + 1) * scale + scale,
                BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < rows.size(); r++) {
            double[] v = rows.get(r).toDoubleArray();
            for (int i = 0; i < count; i++) {
                for (int y = 0; y < h * scale; y++) {
                    for (int x = 0; x < w * scale; x++) {
                        double p = v[(i * h + y / scale) * w + x / scale];
                        int gray = (int) Math.round(255 * Math.max(0, Math.min(1, p)));
                        img.getRaster().setSample(scale + i * cell + x, scale + r * (h + 1) * scale + y, 0, gray);
                    }
                }
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
