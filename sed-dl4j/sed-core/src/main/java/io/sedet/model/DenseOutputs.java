package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import java.util.List;

/**
 * The heads' per-level outputs as one dense row per anchor: N = Σ_levels H_l·W_l·A, in the order of
 * {@code AnchorGenerator.all} (level, then row, column, anchor). Every consumer of the dense
 * outputs (inference, the supervised loss, the SED and mean-teacher objectives) flattens here.
 */
public final class DenseOutputs {
    private DenseOutputs() {
    }

    /** Concatenates the levels' class logits {@code [B, H_l, W_l, A, C]} to {@code [B, N, C]}. */
    public static SDVariable cls(SameDiff sd, List<RetinaNet.LevelOutput> levels, int numClasses, int anchors) {
        SDVariable[] parts = levels.stream()
                .map(l -> l.cls().reshape(-1, (long) l.height() * l.width() * anchors, numClasses))
                .toArray(SDVariable[]::new);
        return parts.length == 1 ? parts[0] : sd.concat(1, parts);
    }

    /** Concatenates the levels' box deltas {@code [B, H_l, W_l, A, 4]} to {@code [B, N, 4]}. */
    public static SDVariable box(SameDiff sd, List<RetinaNet.LevelOutput> levels, int anchors) {
        SDVariable[] parts = levels.stream()
                .map(l -> l.box().reshape(-1, (long) l.height() * l.width() * anchors, 4))
                .toArray(SDVariable[]::new);
        return parts.length == 1 ? parts[0] : sd.concat(1, parts);
    }
}
