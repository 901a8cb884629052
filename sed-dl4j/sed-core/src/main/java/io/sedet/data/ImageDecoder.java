package io.sedet.data;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import io.sedet.io.InputException;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image file to 8-bit RGB: ImageIO with the TwelveMonkeys JPEG reader on the class
 * path (CMYK/YCCK and progressive JPEGs), PNG with alpha composited on black, 16-bit and grey
 * images converted; the EXIF orientation (1–8) is applied so the pixels are upright. A missing,
 * empty or undecodable file raises {@link InputException} naming it, and so does a header that
 * claims more than {@link #MAX_PIXELS} pixels (checked before any pixel is decoded, so a
 * decompression bomb cannot exhaust memory).
 */
public final class ImageDecoder {
    /** The largest image decoded: 100 megapixels (10000 × 10000), about 1.2 GB as 8-bit RGB ints. */
    public static final long MAX_PIXELS = 100_000_000L;

    private ImageDecoder() {
    }

    public static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "no such image file");
        }
        BufferedImage img;
        try {
            if (Files.size(file) == 0) {
                throw new InputException(file, "image file is empty");
            }
            long[] size = headerSize(file);
            if (size != null && size[0] * size[1] > MAX_PIXELS) {
                throw new InputException(file, "the image claims " + size[0] + "x" + size[1] + " pixels, more than the "
                        + MAX_PIXELS / 1_000_000 + " megapixels sedet decodes");
            }
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException(file, "cannot decode image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new InputException(file, "not an image in a supported format (JPEG, PNG, BMP, GIF)");
        }
        return orient(toRgb(img), orientation(file));
    }

    /** Width and height from the file's header, without decoding pixels; null when no reader knows the format. */
    static long[] headerSize(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return new long[] {r.getWidth(0), r.getHeight(0)};
            } finally {
                r.dispose();
            }
        }
    }

    /** EXIF orientation of the file, 1 (upright) when it has none. */
    static int orientation(Path file) {
        try {
            Metadata m = ImageMetadataReader.readMetadata(file.toFile());
            ExifIFD0Directory d = m.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (d != null && d.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return d.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception e) {
            // no readable metadata: the pixels are taken as stored
        }
        return 1;
    }

    static BufferedImage toRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Applies EXIF orientation {@code o} (2–8 mirror and/or rotate; 1 or unknown: unchanged). */
    static BufferedImage orient(BufferedImage img, int o) {
        if (o <= 1 || o > 8) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = o >= 5;
        // (x, y) of the stored image -> (x', y') upright: x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12
        AffineTransform t = switch (o) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirror horizontally
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // rotate 180
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirror vertically
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transpose
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // rotate 90 clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transverse
            default -> new AffineTransform(0, -1, 1, 0, 0, w);  // 8: rotate 90 counter-clockwise
        };
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(img, out);
        return out;
    }
}
