package io.sedet.semisup;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.anchor.AnchorSpec;

/**
 * Which anchors SED pairs, as ranges of the flattened dense outputs (order level → y → x → a,
 * {@link AnchorGenerator#all}). For a full view H×W (multiples of 2^maxLevel) and its half view
 * H/2×W/2, level l of the full view and level l−1 of the half view have the same grid, the same
 * image regions and anchors in a ratio of exactly 2, so
 * <pre>
 *   same-scale Ω:        teacher(u_w) [0, N)             ↔ student(u_s)  [0, N)            (P3..P7 ↔ P3..P7)
 *   scale-equivalent Ω:  teacher(u_w) [N_3, N)           ↔ student(u_s↓) [0, N − N_3)      (P4..P7 ↔ P3..P6)
 * </pre>
 * with N the anchors of the full view and N_3 those of its P3. The half view's P7 has no partner
 * and is not computed ({@link #halfMaxLevel}). With the half view's P2 ({@code DetectorSpec.p2}),
 * every full-view level has a partner:
 * <pre>
 *   scale-equivalent Ω:  teacher(u_w) [0, N)             ↔ student(u_s↓) [0, N)            (P3..P7 ↔ P2..P6)
 * </pre>
 *
 * @param teacherStart first paired anchor of the teacher's flattened outputs
 * @param studentStart first paired anchor of the student's
 * @param count        |Ω|, the paired anchors (a contiguous run on both sides)
 */
public record LevelPairing(int teacherStart, int studentStart, int count) {

    /** Level l ↔ l on the same view size. */
    public static LevelPairing sameScale(AnchorSpec spec, int height, int width) {
        return new LevelPairing(0, 0, new AnchorGenerator(spec).total(height, width));
    }

    /** Teacher level l on H×W ↔ student level l−1 on H/2×W/2, l = minLevel+1..maxLevel. */
    public static LevelPairing scaleEquivalent(AnchorSpec spec, int height, int width) {
        AnchorGenerator g = new AnchorGenerator(spec);
        int first = g.count(spec.minLevel(), height, width);
        return new LevelPairing(first, 0, g.total(height, width) - first);
    }

    /**
     * Teacher level l on H×W ↔ student level l−1 on H/2×W/2 for every full-view level l when the
     * half view has P2 ({@code withP2}), else as {@link #scaleEquivalent(AnchorSpec, int, int)}.
     */
    public static LevelPairing scaleEquivalent(AnchorSpec spec, int height, int width, boolean withP2) {
        return withP2 ? new LevelPairing(0, 0, new AnchorGenerator(spec).total(height, width))
                : scaleEquivalent(spec, height, width);
    }

    /** The lowest level the half view is computed from: P2 where it has one, else the full view's lowest. */
    public static int halfMinLevel(AnchorSpec spec, boolean withP2) {
        return withP2 ? spec.minLevel() - 1 : spec.minLevel();
    }

    /** The highest level the half view is computed to (its partner is the full view's maxLevel). */
    public static int halfMaxLevel(AnchorSpec spec) {
        return spec.maxLevel() - 1;
    }
}
