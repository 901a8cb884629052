package io.sedet.model;

import io.sedet.kernels.image.ImageOps;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The detector's ResNet ({@link BackboneSpec}): torchvision's, or the Caffe variant that the DL4J
 * zoo's weights need ({@link BackboneSpec.Style#CAFFE}: stride in a bottleneck's first 1×1, biased
 * convolutions, an unpadded stem pool, BGR 0..255 input). Parameters {@code backbone.stem.*},
 * {@code backbone.layerS.I.*} (torchvision's names). Input {@code [B, 3, H, W]} (NHWC at
 * inference); outputs C2..C5 at strides 4..32 with {@link BackboneSpec#stageOutput} channels.
 */
final class ResNet {
    /** Graph constants of the Caffe style's input conversion ({@link #caffeInput}). */
    private static final String CAFFE_SCALE = "backbone.input.caffe_scale";
    private static final String CAFFE_SHIFT = "backbone.input.caffe_shift";

    private final GraphLayers g;
    private final ConvBatchNorm bn;
    private final BackboneSpec b;
    private final boolean caffe;

    ResNet(GraphLayers g, ConvBatchNorm bn) {
        this.g = g;
        this.bn = bn;
        this.b = g.spec.backbone();
        this.caffe = b.style() == BackboneSpec.Style.CAFFE;
    }

    /** C2..C5, each in the graph's layout. */
    SDVariable[] apply(SDVariable x) {
        if (caffe) {
            x = caffeInput(x);
        }
        x = g.sd.nn().relu(bn.apply("backbone.stem", "conv", "bn", x, 3, b.stemWidth(), 7, 2, false), 0);
        int pad = caffe ? 0 : 1;
        x = g.sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(pad).pW(pad)
                .type(Pooling2D.Pooling2DType.MAX).isNHWC(g.nhwc).build());
        SDVariable[] c = new SDVariable[4];
        int cin = b.stemWidth();
        int[] blocks = b.blocks();
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < blocks[s]; i++) {
                int stride = (i == 0 && s > 0) ? 2 : 1;
                String name = "backbone.layer" + (s + 1) + "." + i;
                x = b.bottleneck() ? bottleneck(name, x, cin, b.stageWidth(s), stride)
                        : basic(name, x, cin, b.stageWidth(s), stride);
                cin = b.stageOutput(s);
            }
            c[s] = x;
        }
        return c;
    }

    private SDVariable basic(String name, SDVariable x, int cin, int width, int stride) {
        SDVariable y = g.sd.nn().relu(bn.apply(name, "conv1", "bn1", x, cin, width, 3, stride, false), 0);
        y = bn.apply(name, "conv2", "bn2", y, width, width, 3, 1, true);
        return g.sd.nn().relu(y.add(shortcut(name, x, cin, width, stride)), 0);
    }

    /** A bottleneck; its stride is in the 3×3 convolution (torchvision) or the first 1×1 (Caffe). */
    private SDVariable bottleneck(String name, SDVariable x, int cin, int width, int stride) {
        int cout = 4 * width;
        SDVariable y = g.sd.nn().relu(bn.apply(name, "conv1", "bn1", x, cin, width, 1, caffe ? stride : 1, false), 0);
        y = g.sd.nn().relu(bn.apply(name, "conv2", "bn2", y, width, width, 3, caffe ? 1 : stride, false), 0);
        y = bn.apply(name, "conv3", "bn3", y, width, cout, 1, 1, true);
        return g.sd.nn().relu(y.add(shortcut(name, x, cin, cout, stride)), 0);
    }

    private SDVariable shortcut(String name, SDVariable x, int cin, int cout, int stride) {
        if (cin == cout && stride == 1) {
            return x;
        }
        return bn.apply(name, "down.conv", "down.bn", x, cin, cout, 1, stride, false);
    }

    /**
     * The Caffe-style weights' input from this project's: {@code x} holds RGB in [0, 1] normalised
     * as {@code (v − mean)/std} (ImageNet's, {@code ImageOps}); the result holds B, G, R on the
     * 0..255 scale minus {@link BackboneSpec.Style#CAFFE_MEAN_BGR}. Per output channel c (source
     * channel 2 − c): {@code 255·std·x + 255·mean − caffeMean}, one affine of graph constants.
     */
    private SDVariable caffeInput(SDVariable x) {
        int axis = g.nhwc ? 3 : 1;
        long[] shape = g.nhwc ? new long[] {1, 1, 1, 3} : new long[] {1, 3, 1, 1};
        float[] scale = new float[3];
        float[] shift = new float[3];
        for (int c = 0; c < 3; c++) {
            int rgb = 2 - c;
            scale[c] = 255f * ImageOps.STD[rgb];
            shift[c] = (float) (255.0 * ImageOps.MEAN[rgb] - BackboneSpec.Style.CAFFE_MEAN_BGR[c]);
        }
        SDVariable bgr = g.sd.gather(x, new int[] {2, 1, 0}, axis);
        SDVariable a = g.constant(CAFFE_SCALE, () -> Nd4j.create(scale, shape, 'c').castTo(g.dtype));
        SDVariable t = g.constant(CAFFE_SHIFT, () -> Nd4j.create(shift, shape, 'c').castTo(g.dtype));
        return bgr.mul(a).add(t);
    }
}
