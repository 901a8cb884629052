package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The feature pyramid: P3..P5 from C3..C5 by 1×1 laterals, nearest ×2 upsampling and 3×3 outputs;
 * P6 by a stride-2 3×3 convolution of C5 or P5 ({@link DetectorSpec#p6Source}), P7 of ReLU(P6);
 * P2 from C2 the same way as P3, only where asked for (SED's half view, {@link DetectorSpec#p2}).
 * Every level has F = {@link DetectorSpec#fpnChannels} channels; parameters {@code fpn.*}.
 */
final class Fpn {
    private final GraphLayers g;

    Fpn(GraphLayers g) {
        this.g = g;
    }

    /**
     * P{minLevel}..P{maxLevel} (P2 or P3 up to at most P7), lowest first, from C2..C5. P2 is
     * computed only for {@code minLevel} 2 (and a spec with {@link DetectorSpec#p2}); its
     * parameters are drawn after every other's, so they change no other initial weight.
     */
    SDVariable[] apply(SDVariable c2, SDVariable c3, SDVariable c4, SDVariable c5, int minLevel, int maxLevel) {
        BackboneSpec b = g.spec.backbone();
        int f = g.spec.fpnChannels();
        GraphLayers.Init init = GraphLayers.Init.FPN;
        SDVariable l5 = g.conv("fpn.lateral5", c5, b.stageOutput(3), f, 1, 1, init);
        SDVariable l4 = g.conv("fpn.lateral4", c4, b.stageOutput(2), f, 1, 1, init);
        SDVariable l3 = g.conv("fpn.lateral3", c3, b.stageOutput(1), f, 1, 1, init);
        SDVariable t4 = l4.add(up(l5));
        SDVariable t3 = l3.add(up(t4));
        SDVariable p3 = g.conv("fpn.output3", t3, f, f, 3, 1, init);
        SDVariable p4 = g.conv("fpn.output4", t4, f, f, 3, 1, init);
        SDVariable p5 = g.conv("fpn.output5", l5, f, f, 3, 1, init);
        SDVariable p6 = null;
        SDVariable p7 = null;
        if (maxLevel >= 6) {
            p6 = g.spec.p6Source() == DetectorSpec.P6Source.P5
                    ? g.conv("fpn.p6", p5, f, f, 3, 2, init)
                    : g.conv("fpn.p6", c5, b.stageOutput(3), f, 3, 2, init);
        }
        if (maxLevel >= 7) {
            p7 = g.conv("fpn.p7", g.sd.nn().relu(p6, 0), f, f, 3, 2, init);
        }
        SDVariable p2 = null;
        if (minLevel == 2) {
            if (!g.spec.p2()) {
                throw new IllegalArgumentException("P2 needs a spec with p2 (model.p2)");
            }
            SDVariable l2 = g.conv("fpn.lateral2", c2, b.stageOutput(0), f, 1, 1, init);
            p2 = g.conv("fpn.output2", l2.add(up(t3)), f, f, 3, 1, init);
        } else if (minLevel != 3) {
            throw new IllegalArgumentException("the FPN starts at P2 or P3, not P" + minLevel);
        }
        SDVariable[] all = {p2, p3, p4, p5, p6, p7};
        return java.util.Arrays.copyOfRange(all, minLevel - 2, maxLevel - 1);
    }

    /** Nearest-neighbour ×2 upsampling in the graph's layout. */
    private SDVariable up(SDVariable x) {
        return g.sd.cnn().upsampling2d(x, 2, 2, !g.nhwc);
    }
}
