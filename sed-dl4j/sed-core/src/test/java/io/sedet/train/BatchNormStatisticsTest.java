package io.sedet.train;

import io.sedet.anchor.AnchorGenerator;
import io.sedet.backend.Compute;
import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.TrainConfig;
import io.sedet.data.SupervisedBatches;
import io.sedet.data.TargetEncoder;
import io.sedet.data.TrainBatch;
import io.sedet.model.DetectorParams;
import io.sedet.model.DetectorSpec;
import io.sedet.session.DataSources;
import io.sedet.session.TrainingRequest;
import io.sedet.session.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * BatchNorm running statistics after one training step, against a plain-Java computation: the
 * stem convolution (7×7, stride 2, padding 3, no bias) of the first batch with the initial
 * weights, its per-channel mean and biased variance over (B, H, W), and the update
 * running ← 0.9·running + 0.1·batch from (0, 1).
 */
class BatchNormStatisticsTest {
    @TempDir
    Path dir;

    @Test
    void oneStepMovesTheStemStatisticsByMomentumTowardsTheBatch() throws Exception {
        TrainConfig cfg = TinyRuns.config(1);
        TrainingSession.open(TrainingRequest.fresh(cfg, dir.resolve("run"))).run();
        Checkpoint.Content after = Checkpoint.load(dir.resolve("run").resolve(RunFolder.LAST));

        int h = cfg.input().height();
        int w = cfg.input().width();
        DataSources.Pair data = DataSources.open(cfg);
        DetectorSpec spec = cfg.detectorSpec(data.train().classNames().size());
        DetectorParams initial = DetectorParams.initial(spec, h, w, cfg.seed());
        TargetEncoder enc = new TargetEncoder(new AnchorGenerator(spec.anchors()).all(h, w),
                data.train().classNames().size(), Compute.reference().boxes());
        TrainBatch batch = new SupervisedBatches(data.train(), enc, Compute.reference().images(), cfg.batchSize(), h, w,
                cfg.augment(), cfg.seed()).make(0);

        INDArray weights = initial.get("backbone.stem.conv.w");        // [7, 7, 3, Cout] (YXIO)
        int k = 7;
        int cout = (int) weights.size(3);
        float[] wt = weights.dup().data().asFloat();
        int oh = h / 2;
        int ow = w / 2;
        double[] sum = new double[cout];
        double[] sq = new double[cout];
        float[] x = batch.images();
        for (int b = 0; b < cfg.batchSize(); b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int co = 0; co < cout; co++) {
                        double v = 0;
                        for (int ky = 0; ky < k; ky++) {
                            int iy = 2 * oy - 3 + ky;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < k; kx++) {
                                int ix = 2 * ox - 3 + kx;
                                if (ix < 0 || ix >= w) {
                                    continue;
                                }
                                for (int ci = 0; ci < 3; ci++) {
                                    v += x[((b * 3 + ci) * h + iy) * w + ix] * wt[((ky * k + kx) * 3 + ci) * cout + co];
                                }
                            }
                        }
                        sum[co] += v;
                        sq[co] += v * v;
                    }
                }
            }
        }
        double count = (double) cfg.batchSize() * oh * ow;
        INDArray mean = after.params().get("backbone.stem.bn.running_mean");
        INDArray var = after.params().get("backbone.stem.bn.running_var");
        for (int c = 0; c < cout; c++) {
            double m = sum[c] / count;
            double v = sq[c] / count - m * m;
            assertEquals(0.1 * m, mean.getDouble(c), 1e-4 * Math.max(1, Math.abs(m)), "running mean of channel " + c);
            assertEquals(0.9 + 0.1 * v, var.getDouble(c), 1e-4 * Math.max(1, v), "running variance of channel " + c);
        }
    }
}
