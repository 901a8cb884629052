package io.sedet.eval.voc;

import java.util.List;

/**
 * The content of one VOC XML file.
 *
 * @param fileName {@code <filename>}
 * @param width    {@code <size><width>}
 * @param height   {@code <size><height>}
 * @param objects  the {@code <object>}s in file order
 */
public record VocAnnotation(String fileName, int width, int height, List<VocObject> objects) {

    /**
     * One {@code <object>}, box in the devkit's 1-based inclusive pixel coordinates (kept as
     * written: the devkit reads them with {@code str2double}).
     */
    public record VocObject(String name, double xmin, double ymin, double xmax, double ymax,
                            boolean difficult, boolean truncated) {
    }
}
