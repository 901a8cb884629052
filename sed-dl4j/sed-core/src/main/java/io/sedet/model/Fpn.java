package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The feature pyramid: P3..P5 from C3..C5 by 1×1 laterals, nearest ×2 upsampling and 3×3 outputs;
 * P6 by a stride-2 3×3 convolution of C5 or P5 ({@link DetectorSpec#p6Source}), P7 of ReLU(P6).
 * Every level has F = {@link DetectorSpec#fpnChannels} channels; parameters {@code fpn.*}.
 */
final class Fpn {
    private final GraphLayers g;

    Fpn(GraphLayers g) {
        this.g = g;
    }

    /** P3..P{maxLevel} (at most P7), P3 first, from C3..C5. */
    SDVariable[] apply(SDVariable c3, SDVariable c4, SDVariable c5, int maxLevel) {
        BackboneSpec b = g.spec.backbone();
        int f = g.spec.fpnChannels();
        GraphLayers.Init init = GraphLayers.Init.FPN;
        SDVariable l5 = g.conv("fpn.lateral5", c5, b.stageOutput(3), f, 1, 1, init);
        SDVariable l4 = g.conv("fpn.lateral4", c4, b.stageOutput(2), f, 1, 1, init);
        SDVariable l3 = g.conv("fpn.lateral3", c3, b.stageOutput(1), f, 1, 1, init);
        SDVariable t4 = l4.add(g.sd.cnn().upsampling2d(l5, 2, 2, !g.nhwc));
        SDVariable t3 = l3.add(g.sd.cnn().upsampling2d(t4, 2, 2, !g.nhwc));
        SDVariable p3 = g.conv("fpn.output3", t3, f, f, 3, 1, init);
        SDVariable p4 = g.conv("fpn.output4", t4, f, f, 3, 1, init);
        SDVariable p5 = g.conv("fpn.output5", l5, f, f, 3, 1, init);
        if (maxLevel < 6) {
            return java.util.Arrays.copyOf(new SDVariable[] {p3, p4, p5}, maxLevel - 2);
        }
        SDVariable p6 = g.spec.p6Source() == DetectorSpec.P6Source.P5
                ? g.conv("fpn.p6", p5, f, f, 3, 2, init)
                : g.conv("fpn.p6", c5, b.stageOutput(3), f, 3, 2, init);
        if (maxLevel == 6) {
            return new SDVariable[] {p3, p4, p5, p6};
        }
        SDVariable p7 = g.conv("fpn.p7", g.sd.nn().relu(p6, 0), f, f, 3, 2, init);
        return java.util.Arrays.copyOf(new SDVariable[] {p3, p4, p5, p6, p7}, maxLevel - 2);
    }
}
