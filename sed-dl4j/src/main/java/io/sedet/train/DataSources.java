package io.sedet.train;

import io.sedet.eval.data.InputException;
import io.sedet.data.DetectionSource;
import io.sedet.data.FileDatasetSource;
import io.sedet.data.ShapesDataset;
import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.voc.VocClasses;
import io.sedet.eval.voc.VocDevkit;

import java.nio.file.Path;

/**
 * Opens the training and validation sources named by {@code TrainConfig.data}:
 * {@code shapes} (built-in), {@code voc:ROOT} (sets from {@code voc.trainSet}/{@code voc.valSet}),
 * {@code coco:GT.json,IMAGEDIR} (or {@code coco:TRAIN.json,TRAINDIR;VAL.json,VALDIR}; with one
 * pair, validation uses the training images).
 */
public final class DataSources {
    /** Training and validation sources. */
    public record Pair(DetectionSource train, DetectionSource val) {
    }

    private DataSources() {
    }

    public static Pair open(TrainConfig c) {
        String data = c.data();
        if (data.equals("shapes")) {
            TrainConfig.Shapes s = c.shapes();
            return new Pair(new ShapesDataset(c.seed(), ShapesDataset.Split.TRAIN, s.train(), s.imageSize()),
                    new ShapesDataset(c.seed(), ShapesDataset.Split.VAL, s.val(), s.imageSize()));
        }
        if (data.startsWith("voc:")) {
            Path root = Path.of(data.substring(4));
            Dataset train = VocDevkit.read(root, c.voc().trainSet(), VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true);
            Dataset val = VocDevkit.read(root, c.voc().valSet(), VocClasses.VOC20, VocDevkit.UnknownClass.FAIL, true);
            return new Pair(new FileDatasetSource(train), new FileDatasetSource(val));
        }
        if (data.startsWith("coco:")) {
            String[] parts = data.substring(5).split(";");
            Dataset train = coco(parts[0], data);
            Dataset val = parts.length > 1 ? coco(parts[1], data) : train;
            return new Pair(new FileDatasetSource(train), new FileDatasetSource(val));
        }
        throw new InputException("data", "must be 'shapes', 'voc:ROOT' or 'coco:GT.json,IMAGEDIR', got '" + data + "'");
    }

    private static Dataset coco(String pair, String data) {
        String[] gi = pair.split(",");
        if (gi.length != 2) {
            throw new InputException("data", "coco data must be 'coco:GT.json,IMAGEDIR', got '" + data + "'");
        }
        return CocoJson.readInstances(Path.of(gi[0]), Path.of(gi[1]));
    }
}
