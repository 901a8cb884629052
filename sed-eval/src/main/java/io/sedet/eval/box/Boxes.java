package io.sedet.eval.box;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable batch of N boxes stored row-major as {@code float[N * 4]} in
 * {@code (x1, y1, x2, y2)} order — the layout the kernels and the detector consume.
 */
public final class Boxes {
    private final float[] xyxy;

    private Boxes(float[] xyxy) {
        this.xyxy = xyxy;
    }

    /** Wraps a copy of {@code xyxy}, which must hold a multiple of 4 values. */
    public static Boxes of(float[] xyxy) {
        if (xyxy.length % 4 != 0) {
            throw new IllegalArgumentException("box array length " + xyxy.length
                    + " is not a multiple of 4");
        }
        return new Boxes(xyxy.clone());
    }

    public static Boxes of(List<Box> boxes) {
        float[] a = new float[boxes.size() * 4];
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            a[4 * i] = (float) b.x1();
            a[4 * i + 1] = (float) b.y1();
            a[4 * i + 2] = (float) b.x2();
            a[4 * i + 3] = (float) b.y2();
        }
        return new Boxes(a);
    }

    public static Boxes empty() {
        return new Boxes(new float[0]);
    }

    public int size() {
        return xyxy.length / 4;
    }

    public Box get(int i) {
        return new Box(xyxy[4 * i], xyxy[4 * i + 1], xyxy[4 * i + 2], xyxy[4 * i + 3]);
    }

    /** A copy of the raw {@code [N*4]} xyxy array. */
    public float[] toArray() {
        return xyxy.clone();
    }

    /** Areas {@code [N]}, zero for empty or inverted boxes. */
    public float[] areas() {
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) BoxMath.area(xyxy[4 * i], xyxy[4 * i + 1], xyxy[4 * i + 2], xyxy[4 * i + 3]);
        }
        return out;
    }

    /** Pairwise IoU {@code [N, M]} row-major: entry {@code i*M + j} is IoU(this[i], other[j]). */
    public float[] iouMatrix(Boxes other) {
        int n = size();
        int m = other.size();
        float[] out = new float[n * m];
        float[] b = other.xyxy;
        for (int i = 0; i < n; i++) {
            double ax1 = xyxy[4 * i], ay1 = xyxy[4 * i + 1], ax2 = xyxy[4 * i + 2], ay2 = xyxy[4 * i + 3];
            for (int j = 0; j < m; j++) {
                out[i * m + j] = (float) BoxMath.iou(ax1, ay1, ax2, ay2,
                        b[4 * j], b[4 * j + 1], b[4 * j + 2], b[4 * j + 3]);
            }
        }
        return out;
    }

    /** A new batch with every box clipped to {@code [0, width] x [0, height]}. */
    public Boxes clip(float width, float height) {
        float[] out = xyxy.clone();
        for (int i = 0; i < out.length; i += 2) {
            out[i] = Math.max(0f, Math.min(width, out[i]));
            out[i + 1] = Math.max(0f, Math.min(height, out[i + 1]));
        }
        return new Boxes(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Boxes other && Arrays.equals(xyxy, other.xyxy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xyxy);
    }

    @Override
    public String toString() {
        return "Boxes[" + size() + "]";
    }
}
