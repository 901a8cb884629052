package io.sedet.semisup;

import io.sedet.config.SemiSupervisedConfig;
import io.sedet.data.ConcatSource;
import io.sedet.data.DetectionSource;
import io.sedet.data.ImageFolderSource;
import io.sedet.data.SubsetSource;
import io.sedet.eval.split.SemiSupervisedSplit;
import io.sedet.io.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labeled and unlabeled images of a run. The labeled ones are chosen from the training source
 * by {@code semi.labeled} (a fraction or count, with the run's seed, as {@code sedet split} does)
 * or named by {@code semi.split} (a file {@code sedet split} wrote); every other training image is
 * unlabeled (its annotations are never read), and {@code semi.unlabeled} adds a folder of images.
 *
 * @param labeled     the labeled images
 * @param unlabeled   the unlabeled images, or null when there are none
 * @param description one line saying how the split was made
 */
public record SemiSupervisedData(DetectionSource labeled, DetectionSource unlabeled, String description) {

    public static SemiSupervisedData of(DetectionSource train, SemiSupervisedConfig semi, long seed) {
        List<String> ids = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            ids.add(train.id(i));
        }
        SemiSupervisedSplit split;
        String how;
        if (semi.split() != null) {
            split = SemiSupervisedSplit.load(Path.of(semi.split()), ids);
            if (split.labeled().isEmpty()) {
                throw new InputException(Path.of(semi.split()), "the split names no labeled image");
            }
            how = "split file " + semi.split();
        } else if (semi.labeled() != null) {
            split = SemiSupervisedSplit.byAmount(ids, semi.labeled(), seed); // its errors name the amount
            how = "labeled " + semi.labeled() + " with seed " + seed;
        } else {
            split = new SemiSupervisedSplit(ids, List.of());
            how = "all labeled";
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        DetectionSource labeled = new SubsetSource(train, split.labeled().stream().mapToInt(index::get).toArray());
        DetectionSource unlabeled = split.unlabeled().isEmpty() ? null
                : new SubsetSource(train, split.unlabeled().stream().mapToInt(index::get).toArray());
        if (semi.unlabeled() != null) {
            ImageFolderSource folder = new ImageFolderSource(Path.of(semi.unlabeled()), train.classNames());
            unlabeled = unlabeled == null ? folder : new ConcatSource(unlabeled, folder);
            how += " + " + folder.size() + " images of " + semi.unlabeled();
        }
        String description = how + ": " + labeled.size() + " labeled, " + (unlabeled == null ? 0 : unlabeled.size())
                + " unlabeled images";
        return new SemiSupervisedData(labeled, unlabeled, description);
    }
}
