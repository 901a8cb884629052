package io.sedet.data.datavec;

import io.sedet.data.DetectionSource;
import io.sedet.data.ImageDecoder;
import io.sedet.data.Sample;
import io.sedet.io.InputException;
import io.sedet.io.InputFiles;
import org.datavec.image.recordreader.objdetect.ImageObject;
import org.datavec.image.recordreader.objdetect.ImageObjectLabelProvider;
import org.datavec.image.recordreader.objdetect.impl.VocLabelProvider;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Training or validation images whose objects come from a DL4J pipeline's datavec
 * {@link ImageObjectLabelProvider} (its {@link VocLabelProvider}, or a provider of its own), so
 * labels a DL4J project already reads feed SED training (through {@code io.sedet.api.Training}).
 * Needs {@code org.datavec:datavec-data-image} on the class path (an optional dependency).
 */
public final class LabelProviderSource implements DetectionSource {
    /** How a provider's integer corners map to this project's continuous boxes. */
    public enum Pixels {
        /** VOC devkit: 1-based, inclusive ({@code x1 = xmin − 1, x2 = xmax}); what {@link VocLabelProvider} reports. */
        ONE_BASED_INCLUSIVE,
        /** Already continuous pixel edges (0-based, exclusive end). */
        CONTINUOUS
    }

    private final List<Path> images;
    private final ImageObjectLabelProvider provider;
    private final List<String> classNames;
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final Pixels pixels;

    /**
     * @param images     the image files, in the order of {@link #get}
     * @param classNames label k is {@code classNames.get(k)}; a provider's label outside the list is an input error
     */
    public LabelProviderSource(List<Path> images, ImageObjectLabelProvider provider, List<String> classNames,
                               Pixels pixels) {
        this.images = List.copyOf(images);
        this.provider = provider;
        this.classNames = List.copyOf(classNames);
        this.pixels = pixels;
        for (int k = 0; k < classNames.size(); k++) {
            classIndex.put(classNames.get(k), k);
        }
    }

    /**
     * The images of a VOC-layout folder's image set ({@code ImageSets/Main/<set>.txt},
     * {@code JPEGImages/<id>.jpg}) with datavec's {@link VocLabelProvider} over its {@code Annotations}.
     */
    public static LabelProviderSource voc(Path root, String imageSet, List<String> classNames) {
        Path list = root.resolve("ImageSets").resolve("Main").resolve(imageSet + ".txt");
        List<Path> files = new ArrayList<>();
        for (String id : InputFiles.readLines(list, "image set")) {
            if (!id.isBlank()) {
                files.add(root.resolve("JPEGImages").resolve(id.strip() + ".jpg"));
            }
        }
        if (!Files.isDirectory(root.resolve("Annotations"))) {
            throw new InputException(root, "has no Annotations folder for datavec's VocLabelProvider");
        }
        return new LabelProviderSource(files, new VocLabelProvider(root.toString()), classNames,
                Pixels.ONE_BASED_INCLUSIVE);
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public String id(int index) {
        String n = images.get(index).getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    @Override
    public Sample get(int index) {
        Path file = images.get(index);
        List<ImageObject> objects;
        try {
            objects = provider.getImageObjectsForPath(file.toString());
        } catch (RuntimeException e) {
            throw new InputException(file, "the label provider failed: " + e.getMessage());
        }
        BufferedImage image = ImageDecoder.read(file);
        float offset = pixels == Pixels.ONE_BASED_INCLUSIVE ? 1f : 0f;
        float[] boxes = new float[objects.size() * 4];
        int[] labels = new int[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            ImageObject o = objects.get(i);
            Integer k = classIndex.get(o.getLabel());
            if (k == null) {
                throw new InputException(file, "an object of class '" + o.getLabel() + "', which is not in the class list "
                        + classNames);
            }
            float x1 = o.getX1() - offset;
            float y1 = o.getY1() - offset;
            float x2 = o.getX2();
            float y2 = o.getY2();
            if (!(x2 > x1 && y2 > y1) || x1 < 0 || y1 < 0 || x2 > image.getWidth() || y2 > image.getHeight()) {
                throw new InputException(file, "the box of object " + (i + 1) + " (" + o.getLabel() + ") "
                        + o.getX1() + "," + o.getY1() + "," + o.getX2() + "," + o.getY2() + " is empty or outside the "
                        + image.getWidth() + "x" + image.getHeight() + " image");
            }
            boxes[4 * i] = x1;
            boxes[4 * i + 1] = y1;
            boxes[4 * i + 2] = x2;
            boxes[4 * i + 3] = y2;
            labels[i] = k;
        }
        return new Sample(id(index), image, boxes, labels);
    }
}
