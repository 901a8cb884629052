package io.sedet.anchor;

/**
 * Generates the anchors of an input of size H×W (both multiples of the largest stride) in the
 * order of the detector's dense outputs: level, then row y, then column x, then anchor a
 * (scale-major, ratio-minor) — the flattening of {@code [B, H_l, W_l, A, ·]}.
 *
 * <p>Anchor a at (y, x) of level l is centred on {@code ((x + 0.5)·s, (y + 0.5)·s)}, s = 2^l,
 * with area {@code (sizeFactor·s·scale)²} and height/width ratio {@code ratio}.
 */
public final class AnchorGenerator {
    private final AnchorSpec spec;

    public AnchorGenerator(AnchorSpec spec) {
        this.spec = spec;
    }

    public AnchorSpec spec() {
        return spec;
    }

    /** Grid height of level l for an input of height h. */
    public static int gridSize(int size, int level) {
        return size >> level;
    }

    /** Number of anchors of one level. */
    public int count(int level, int height, int width) {
        return gridSize(height, level) * gridSize(width, level) * spec.anchorsPerLocation();
    }

    /** Number of anchors over all levels (N). */
    public int total(int height, int width) {
        int n = 0;
        for (int l = spec.minLevel(); l <= spec.maxLevel(); l++) {
            n += count(l, height, width);
        }
        return n;
    }

    /** Anchors of one level, {@code float[H_l * W_l * A * 4]} xyxy. */
    public float[] level(int level, int height, int width) {
        int s = spec.stride(level);
        int gh = gridSize(height, level);
        int gw = gridSize(width, level);
        int a = spec.anchorsPerLocation();
        double[] halfW = new double[a];
        double[] halfH = new double[a];
        int i = 0;
        for (double scale : spec.scales()) {
            for (double ratio : spec.ratios()) {
                double size = spec.sizeFactor() * s * scale;
                double w = size / Math.sqrt(ratio);
                double h = size * Math.sqrt(ratio);
                halfW[i] = w / 2;
                halfH[i] = h / 2;
                i++;
            }
        }
        float[] out = new float[gh * gw * a * 4];
        int o = 0;
        for (int y = 0; y < gh; y++) {
            double cy = (y + 0.5) * s;
            for (int x = 0; x < gw; x++) {
                double cx = (x + 0.5) * s;
                for (int k = 0; k < a; k++) {
                    out[o++] = (float) (cx - halfW[k]);
                    out[o++] = (float) (cy - halfH[k]);
                    out[o++] = (float) (cx + halfW[k]);
                    out[o++] = (float) (cy + halfH[k]);
                }
            }
        }
        return out;
    }

    /** All anchors, levels concatenated: {@code float[N * 4]} xyxy. */
    public float[] all(int height, int width) {
        float[] out = new float[total(height, width) * 4];
        int o = 0;
        for (int l = spec.minLevel(); l <= spec.maxLevel(); l++) {
            float[] lv = level(l, height, width);
            System.arraycopy(lv, 0, out, o, lv.length);
            o += lv.length;
        }
        return out;
    }
}
