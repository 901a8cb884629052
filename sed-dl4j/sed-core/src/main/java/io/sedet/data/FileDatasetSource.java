package io.sedet.data;

import io.sedet.eval.data.Category;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.GroundTruth;
import io.sedet.eval.data.ImageInfo;
import io.sedet.io.InputException;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A VOC or COCO dataset read by sed-eval, as training samples: images decoded from
 * {@code imageRoot/fileName} by {@link ImageDecoder}; label k is the k-th category in id order.
 * VOC {@code difficult} and COCO {@code iscrowd} objects are left out of training targets
 * (they are ignored by the metrics as well). Boxes are clipped to the decoded image (as
 * torchvision and detectron2 do with the small overshoots of real annotations); a box that lies
 * wholly outside its image, an annotation whose image size disagrees with the file, and a
 * {@code file_name} that leads out of the image folder ({@code ../}, an absolute path) are
 * reported.
 */
public final class FileDatasetSource implements DetectionSource {
    private final Dataset dataset;
    private final List<String> classNames;

    public FileDatasetSource(Dataset dataset) {
        if (dataset.imageRoot() == null) {
            throw new IllegalArgumentException("the dataset has no image folder");
        }
        this.dataset = dataset;
        this.classNames = dataset.categories().stream().map(Category::name).toList();
        Path root = dataset.imageRoot().toAbsolutePath().normalize();
        for (ImageInfo info : dataset.images()) {
            Path file = root.resolve(info.fileName()).normalize();
            if (!file.startsWith(root) || file.equals(root)) {
                throw new InputException(dataset.imageRoot(), "image " + info.id() + " has file_name '" + info.fileName()
                        + "', which is not a file inside the image folder");
            }
        }
    }

    public Dataset dataset() {
        return dataset;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int size() {
        return dataset.images().size();
    }

    @Override
    public String id(int index) {
        return dataset.images().get(index).id();
    }

    @Override
    public int categoryId(int label) {
        return dataset.categories().get(label).id();
    }

    @Override
    public Sample get(int index) {
        ImageInfo info = dataset.images().get(index);
        Path file = dataset.imageRoot().resolve(info.fileName());
        BufferedImage img = ImageDecoder.read(file);
        if (info.width() > 0 && info.height() > 0 && (info.width() != img.getWidth() || info.height() != img.getHeight())) {
            throw new InputException(file, "image is " + img.getWidth() + "x" + img.getHeight()
                    + " but its annotation says " + info.width() + "x" + info.height());
        }
        List<GroundTruth> anns = dataset.annotationsOf(info.id());
        List<float[]> boxes = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (GroundTruth g : anns) {
            if (g.box().x1() >= img.getWidth() || g.box().y1() >= img.getHeight() || g.box().x2() <= 0 || g.box().y2() <= 0) {
                throw new InputException(file, "annotation " + g.id() + " has box [" + g.box().x1() + ", " + g.box().y1()
                        + ", " + g.box().x2() + ", " + g.box().y2() + "] (x1, y1, x2, y2), wholly outside the "
                        + img.getWidth() + "x" + img.getHeight() + " image");
            }
            if (g.difficult() || g.iscrowd()) {
                continue;
            }
            float x1 = (float) Math.max(0, g.box().x1());
            float y1 = (float) Math.max(0, g.box().y1());
            float x2 = (float) Math.min(img.getWidth(), g.box().x2());
            float y2 = (float) Math.min(img.getHeight(), g.box().y2());
            if (x2 - x1 < 1 || y2 - y1 < 1) {
                continue; // degenerate after clipping: no usable target
            }
            boxes.add(new float[] {x1, y1, x2, y2});
            labels.add(dataset.categoryIndex(g.categoryId()));
        }
        float[] flat = new float[4 * boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            System.arraycopy(boxes.get(i), 0, flat, 4 * i, 4);
        }
        return new Sample(info.id(), img, flat, labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
