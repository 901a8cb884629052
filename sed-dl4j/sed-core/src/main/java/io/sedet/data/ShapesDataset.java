package io.sedet.data;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The built-in synthetic dataset "shapes": images drawn from a seed, no files needed.
 *
 * <p>Each image (default 256×256) has a textured background — a colour gradient, value noise and
 * clutter (lines, dots, arcs that resemble no class) — and 1 to 6 objects of five classes
 * (circle, square, triangle, star, cross) whose colours are drawn independently of the class
 * (but differ in brightness from the background they cover by at least {@value #MIN_CONTRAST}).
 * Object sizes are log-uniform from 12 to 192 px (16×), aspect ratios 0.7–1.4, rotations up to
 * 30° (not for circles); later objects may cover up to 30% of earlier ones (IoU ≤ 0.3), boxes
 * are the visible shape's full extent clipped to the image.
 *
 * <p>Image i of split s depends only on (seed, s, i), so any subset is reproducible in any order.
 */
public final class ShapesDataset implements DetectionSource {
    public static final List<String> CLASSES = List.of("circle", "square", "triangle", "star", "cross");

    /** Which part of the dataset; each has its own random streams. */
    public enum Split { TRAIN, VAL, TEST }

    /** Least difference of luma (0..1) between an object's fill and the background under it. */
    static final double MIN_CONTRAST = 0.2;

    private final long seed;
    private final Split split;
    private final int size;
    private final int imageSize;

    public ShapesDataset(long seed, Split split, int size, int imageSize) {
        if (size < 0 || imageSize < 64) {
            throw new IllegalArgumentException("shapes: bad size " + size + " or image size " + imageSize);
        }
        this.seed = seed;
        this.split = split;
        this.size = size;
        this.imageSize = imageSize;
    }

    @Override
    public List<String> classNames() {
        return CLASSES;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String id(int index) {
        return "shapes-" + split.name().toLowerCase(java.util.Locale.ROOT) + "-" + index;
    }

    @Override
    public Sample get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("shapes " + split + " has " + size + " images, asked for " + index);
        }
        SplittableRandom r = new SplittableRandom(mix(seed, split.ordinal(), index));
        int s = imageSize;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        background(g, img, r);
        int n = 1 + r.nextInt(6);
        List<float[]> boxes = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int attempt = 0; attempt < 40 && boxes.size() < n; attempt++) {
            int cls = r.nextInt(CLASSES.size());
            double size = Math.exp(Math.log(12) + r.nextDouble() * (Math.log(192) - Math.log(12)));
            double aspect = 0.7 + r.nextDouble() * 0.7;
            double w = size * Math.sqrt(aspect);
            double h = size / Math.sqrt(aspect);
            double cx = r.nextDouble() * s;
            double cy = r.nextDouble() * s;
            double angle = cls == 0 ? 0 : Math.toRadians(r.nextDouble() * 60 - 30);
            Shape shape = shape(cls, cx, cy, w, h, angle);
            Rectangle2D b = shape.getBounds2D();
            Rectangle2D clipped = b.createIntersection(new Rectangle2D.Double(0, 0, s, s));
            if (clipped.isEmpty() || clipped.getWidth() * clipped.getHeight() < 0.6 * b.getWidth() * b.getHeight()
                    || clipped.getWidth() < 6 || clipped.getHeight() < 6) {
                continue; // mostly outside the image
            }
            float[] box = {(float) clipped.getMinX(), (float) clipped.getMinY(), (float) clipped.getMaxX(),
                (float) clipped.getMaxY()};
            if (overlapsTooMuch(box, boxes)) {
                continue;
            }
            g.setColor(contrastingColour(r, meanLuma(img, box)));
            g.fill(shape);
            if (r.nextDouble() < 0.3) { // an outline in another colour
                g.setColor(objectColour(r));
                g.setStroke(new BasicStroke((float) Math.max(1, size / 20)));
                g.draw(shape);
            }
            boxes.add(box);
            labels.add(cls);
        }
        g.dispose();
        float[] flat = new float[boxes.size() * 4];
        for (int i = 0; i < boxes.size(); i++) {
            System.arraycopy(boxes.get(i), 0, flat, 4 * i, 4);
        }
        return new Sample(id(index), img, flat, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static long mix(long seed, int split, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + split * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static boolean overlapsTooMuch(float[] b, List<float[]> others) {
        for (float[] o : others) {
            if (io.sedet.eval.box.BoxMath.iou(b[0], b[1], b[2], b[3], o[0], o[1], o[2], o[3]) > 0.3) {
                return true;
            }
        }
        return false;
    }

    /** Mean luma (0..1) of the image over a 5x5 grid of points inside {@code box}. */
    private static double meanLuma(BufferedImage img, float[] box) {
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                int x = Math.min(img.getWidth() - 1, (int) (box[0] + (box[2] - box[0]) * (i + 0.5) / 5));
                int y = Math.min(img.getHeight() - 1, (int) (box[1] + (box[3] - box[1]) * (j + 0.5) / 5));
                sum += luma(img.getRGB(x, y));
            }
        }
        return sum / 25;
    }

    private static double luma(int rgb) {
        return (0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255)) / 255;
    }

    /** A random colour whose luma differs from {@code background} by at least {@link #MIN_CONTRAST}. */
    private static Color contrastingColour(SplittableRandom r, double background) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Color c = objectColour(r);
            if (Math.abs(luma(c.getRGB()) - background) >= MIN_CONTRAST) {
                return c;
            }
        }
        float hue = (float) r.nextDouble();
        return Color.getHSBColor(hue, 0.3f, background > 0.5 ? 0.1f : 0.95f);
    }

    private static Color objectColour(SplittableRandom r) {
        return Color.getHSBColor((float) r.nextDouble(), (float) (0.3 + 0.7 * r.nextDouble()),
                (float) (0.25 + 0.75 * r.nextDouble()));
    }

    private void background(Graphics2D g, BufferedImage img, SplittableRandom r) {
        int s = imageSize;
        Color a = Color.getHSBColor((float) r.nextDouble(), (float) r.nextDouble() * 0.6f, (float) (0.2 + 0.8 * r.nextDouble()));
        Color b = Color.getHSBColor((float) r.nextDouble(), (float) r.nextDouble() * 0.6f, (float) (0.2 + 0.8 * r.nextDouble()));
        g.setPaint(new java.awt.GradientPaint(0, 0, a, (float) (r.nextDouble() * s), s, b));
        g.fillRect(0, 0, s, s);
        // value noise on an 8x8-pixel lattice plus per-pixel grain
        int cells = s / 8 + 2;
        double[] lattice = new double[cells * cells];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = r.nextDouble() * 2 - 1;
        }
        double amp = 10 + r.nextDouble() * 30;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double fx = x / 8.0;
                double fy = y / 8.0;
                int ix = (int) fx;
                int iy = (int) fy;
                double tx = fx - ix;
                double ty = fy - iy;
                double v = lerp(lerp(lattice[iy * cells + ix], lattice[iy * cells + ix + 1], tx),
                        lerp(lattice[(iy + 1) * cells + ix], lattice[(iy + 1) * cells + ix + 1], tx), ty);
                int d = (int) (v * amp + (r.nextDouble() - 0.5) * 12);
                int rgb = img.getRGB(x, y);
                img.setRGB(x, y, (clamp(((rgb >> 16) & 255) + d) << 16) | (clamp(((rgb >> 8) & 255) + d) << 8)
                        | clamp((rgb & 255) + d));
            }
        }
        // clutter: lines, dots and arcs
        int clutter = 4 + r.nextInt(12);
        for (int i = 0; i < clutter; i++) {
            g.setColor(objectColour(r));
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) (0.4 + 0.6 * r.nextDouble())));
            double x = r.nextDouble() * s;
            double y = r.nextDouble() * s;
            switch (r.nextInt(3)) {
                case 0 -> {
                    g.setStroke(new BasicStroke((float) (1 + r.nextDouble() * 3)));
                    g.draw(new java.awt.geom.Line2D.Double(x, y, x + (r.nextDouble() - 0.5) * s, y + (r.nextDouble() - 0.5) * s));
                }
                case 1 -> {
                    double d = 2 + r.nextDouble() * 6;
                    g.fill(new Ellipse2D.Double(x, y, d, d));
                }
                default -> {
                    g.setStroke(new BasicStroke((float) (1 + r.nextDouble() * 2)));
                    double d = 10 + r.nextDouble() * 60;
                    g.draw(new java.awt.geom.Arc2D.Double(x, y, d, d, r.nextDouble() * 360, 60 + r.nextDouble() * 120,
                            java.awt.geom.Arc2D.OPEN));
                }
            }
        }
        g.setComposite(AlphaComposite.SrcOver);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** The outline of class {@code cls} centred at (cx, cy), size w×h, rotated by {@code angle}. */
    static Shape shape(int cls, double cx, double cy, double w, double h, double angle) {
        Shape base = switch (cls) {
            case 0 -> new Ellipse2D.Double(-w / 2, -h / 2, w, h);
            case 1 -> new Rectangle2D.Double(-w / 2, -h / 2, w, h);
            case 2 -> polygon(new double[] {0, -h / 2, w / 2, h / 2, -w / 2, h / 2});
            case 3 -> star(w / 2, h / 2);
            default -> cross(w, h);
        };
        AffineTransform t = new AffineTransform();
        t.translate(cx, cy);
        t.rotate(angle);
        return new Area(t.createTransformedShape(base));
    }

    private static Shape polygon(double[] xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }

    private static Shape star(double rx, double ry) {
        double[] xy = new double[20];
        for (int i = 0; i < 10; i++) {
            double rad = i % 2 == 0 ? 1.0 : 0.45;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            xy[2 * i] = Math.cos(a) * rx * rad;
            xy[2 * i + 1] = Math.sin(a) * ry * rad;
        }
        return polygon(xy);
    }

    private static Shape cross(double w, double h) {
        Area a = new Area(new Rectangle2D.Double(-w / 2, -h / 6, w, h / 3));
        a.add(new Area(new Rectangle2D.Double(-w / 6, -h / 2, w / 3, h)));
        return a;
    }
}
