package io.sedet.eval;

import io.sedet.eval.coco.CocoEvalResult;
import io.sedet.eval.coco.CocoEvaluator;
import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.Detection;
import io.sedet.eval.data.GroundTruth;
import io.sedet.eval.voc.VocClasses;
import io.sedet.eval.voc.VocDevkit;
import io.sedet.eval.voc.VocEvalResult;
import io.sedet.eval.voc.VocEvaluator;
import io.sedet.eval.voc.VocMetric;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real files in ../shared/datasets read cleanly, and their own ground truth scores 1.0. */
class SharedDatasetsTest {

    private static List<Detection> asDetections(Dataset d) {
        return d.annotations().stream().map((GroundTruth g) -> new Detection(g.imageId(), g.categoryId(), g.box(), 1.0))
                .toList();
    }

    @Test
    void cocoMiniGroundTruthAsDetectionsGivesApOne() {
        Path root = SharedData.require().resolve("datasets/coco-mini");
        Dataset gt = CocoJson.readInstances(root.resolve("annotations/instances.json"), root.resolve("images"));
        assertEquals(128, gt.images().size());
        assertEquals(939, gt.annotations().size());
        assertEquals(10, gt.annotations().stream().filter(GroundTruth::iscrowd).count());
        for (var img : gt.images()) {
            assertTrue(Files.isRegularFile(gt.imageRoot().resolve(img.fileName())), img.fileName());
        }
        CocoEvalResult r = CocoEvaluator.evaluate(gt, asDetections(gt));
        assertEquals(1.0, r.statsMap().get("AP"), 1e-12);
        assertEquals(1.0, r.statsMap().get("AP50"), 1e-12);
        assertEquals(1.0, r.statsMap().get("AR100"), 1e-12);
        long used = r.perCategoryAp().values().stream().filter(v -> v > -1).count();
        assertEquals(71, used, "71 of 80 categories have ground truth");
    }

    @Test
    void vocMiniGroundTruthAsDetectionsGivesMapOne() {
        Path root = SharedData.require().resolve("datasets/voc-mini/VOC2012");
        for (String set : List.of("trainval", "test")) {
            Dataset gt = VocDevkit.read(root, set, VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true);
            assertEquals(set.equals("test") ? 30 : 70, gt.images().size());
            for (VocMetric m : VocMetric.values()) {
                VocEvalResult r = VocEvaluator.evaluate(gt, asDetections(gt), m);
                assertEquals(1.0, r.mAP(), 1e-12, set + " " + m);
            }
        }
        Dataset all = VocDevkit.read(SharedData.require().resolve("datasets/voc-mini"), "trainval",
                VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true);
        assertEquals(70, all.images().size(), "the VOCdevkit-style parent folder resolves to its one year");
    }
}
