package io.sedet.data;

import io.sedet.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    @TempDir
    Path dir;

    /** A 3x2 image whose pixel (x, y) has red = 10x + 1, green = 10y + 1. */
    private static BufferedImage marked() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                img.setRGB(x, y, ((10 * x + 1) << 16) | ((10 * y + 1) << 8));
            }
        }
        return img;
    }

    private static int[] at(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        return new int[] {(((rgb >> 16) & 255) - 1) / 10, (((rgb >> 8) & 255) - 1) / 10};
    }

    /** Where stored pixel (2, 0) (top-right) lands after each EXIF orientation, and the size. */
    @Test
    void exifOrientations() {
        int[][] topRightGoesTo = {null, {2, 0}, {0, 0}, {0, 1}, {2, 1}, {0, 2}, {1, 2}, {1, 0}, {0, 0}};
        for (int o = 1; o <= 8; o++) {
            BufferedImage out = ImageDecoder.orient(marked(), o);
            assertEquals(o >= 5 ? 2 : 3, out.getWidth(), "width, orientation " + o);
            int[] p = topRightGoesTo[o];
            assertEquals(2, at(out, p[0], p[1])[0], "x of stored (2,0), orientation " + o);
            assertEquals(0, at(out, p[0], p[1])[1], "y of stored (2,0), orientation " + o);
        }
    }

    @Test
    void pngWithAlphaBecomesRgb() throws Exception {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0xFF_20_40_60);
        Path f = dir.resolve("a.png");
        ImageIO.write(argb, "png", f.toFile());
        BufferedImage img = ImageDecoder.read(f);
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        assertEquals(0x204060, img.getRGB(1, 1) & 0xFFFFFF);
    }

    @Test
    void badFilesAreNamed() throws Exception {
        InputException e = assertThrows(InputException.class, () -> ImageDecoder.read(dir.resolve("none.jpg")));
        assertTrue(e.getMessage().contains("none.jpg") && e.getMessage().contains("no such image"), e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        e = assertThrows(InputException.class, () -> ImageDecoder.read(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        Path junk = dir.resolve("junk.jpg");
        Files.writeString(junk, "this is not a jpeg");
        e = assertThrows(InputException.class, () -> ImageDecoder.read(junk));
        assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());
        Path truncated = dir.resolve("cut.jpg");
        ImageIO.write(marked(), "jpg", dir.resolve("full.jpg").toFile());
        byte[] full = Files.readAllBytes(dir.resolve("full.jpg"));
        Files.write(truncated, java.util.Arrays.copyOf(full, 20));
        e = assertThrows(InputException.class, () -> ImageDecoder.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
    }
}
