package io.sedet.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * RetinaNet's head, shared across levels: a class tower and a box tower of
 * {@link DetectorSpec#headConvs} 3×3 convolutions with ReLU (F channels), then a 3×3 output of
 * A·C class logits (bias at the prior, {@link DetectorSpec#priorProb}) and of A·4 box deltas.
 * Parameters {@code head.cls.*}, {@code head.box.*}.
 */
final class RetinaHead {
    private final GraphLayers g;

    RetinaHead(GraphLayers g) {
        this.g = g;
    }

    /** The outputs of one level {@code p} (h × w in the graph's layout): {@code [B, h, w, A, C]} logits and {@code [B, h, w, A, 4]} deltas. */
    RetinaNet.LevelOutput apply(int level, SDVariable p, int h, int w) {
        DetectorSpec s = g.spec;
        int a = s.anchors().anchorsPerLocation();
        SDVariable cls = tower("head.cls", p);
        cls = g.conv("head.cls.out", cls, s.fpnChannels(), a * s.numClasses(), 3, 1, GraphLayers.Init.HEAD_CLS);
        SDVariable box = tower("head.box", p);
        box = g.conv("head.box.out", box, s.fpnChannels(), a * 4, 3, 1, GraphLayers.Init.HEAD);
        // [B, A*K, h, w] -> [B, h, w, A*K] -> [B, h, w, A, K]
        cls = (g.nhwc ? cls : cls.permute(0, 2, 3, 1)).reshape(-1, h, w, a, s.numClasses());
        box = (g.nhwc ? box : box.permute(0, 2, 3, 1)).reshape(-1, h, w, a, 4);
        return new RetinaNet.LevelOutput(level, cls, box, h, w);
    }

    private SDVariable tower(String name, SDVariable x) {
        for (int i = 0; i < g.spec.headConvs(); i++) {
            x = g.sd.nn().relu(g.conv(name + "." + i, x, g.spec.fpnChannels(), g.spec.fpnChannels(), 3, 1,
                    GraphLayers.Init.HEAD), 0);
        }
        return x;
    }
}
