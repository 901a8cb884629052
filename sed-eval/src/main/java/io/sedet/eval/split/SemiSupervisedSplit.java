package io.sedet.eval.split;

import io.sedet.io.InputException;
import io.sedet.io.InputFiles;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A labeled/unlabeled partition of a dataset's images for semi-supervised training.
 *
 * <p>Choice: the image ids are sorted, shuffled by Fisher–Yates with {@link java.util.Random}
 * seeded by {@code seed} (its algorithm is fixed by the Java specification, so a split is the
 * same on every machine and JVM), and the first n are labeled. A fraction f gives
 * {@code n = round(f * N)}, at least 1 when {@code f > 0}.
 *
 * <p>File: UTF-8 text, one labeled image id per line, {@code #} comment lines (the header says
 * how it was made). Every other image of the dataset is unlabeled.
 *
 * @param labeled   labeled image ids, sorted
 * @param unlabeled the other image ids, sorted
 */
public record SemiSupervisedSplit(List<String> labeled, List<String> unlabeled) {

    public SemiSupervisedSplit {
        labeled = List.copyOf(labeled);
        unlabeled = List.copyOf(unlabeled);
    }

    /** Labels {@code round(fraction * N)} images (at least 1 when fraction &gt; 0). */
    public static SemiSupervisedSplit byFraction(List<String> imageIds, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new InputException("labeled", "labeled fraction must be in [0, 1], got " + fraction);
        }
        int n = (int) Math.round(fraction * imageIds.size());
        if (fraction > 0 && n == 0 && !imageIds.isEmpty()) {
            n = 1;
        }
        return byCount(imageIds, n, seed);
    }

    /**
     * Labels an amount written as a count ({@code "50"}) or a fraction ({@code "0.1"}, {@code "1.0"})
     * of the images, chosen by {@code seed}; at least one image must end up labeled
     * ({@link LabeledAmount}).
     */
    public static SemiSupervisedSplit byAmount(List<String> imageIds, String amount, long seed) {
        return LabeledAmount.parse(amount).split(imageIds, seed);
    }

    /** Labels {@code count} images chosen by {@code seed}. */
    public static SemiSupervisedSplit byCount(List<String> imageIds, int count, long seed) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(imageIds));
        if (ids.size() != imageIds.size()) {
            throw new IllegalArgumentException("image ids are not unique");
        }
        if (count < 0 || count > ids.size()) {
            throw new InputException("labeled", "cannot label " + count + " of " + ids.size() + " images");
        }
        Collections.sort(ids);
        Random rng = new Random(seed);
        for (int i = ids.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Collections.swap(ids, i, j);
        }
        List<String> labeled = new ArrayList<>(ids.subList(0, count));
        List<String> unlabeled = new ArrayList<>(ids.subList(count, ids.size()));
        Collections.sort(labeled);
        Collections.sort(unlabeled);
        return new SemiSupervisedSplit(labeled, unlabeled);
    }

    /** Writes the labeled ids (atomically) with a header naming how the split was made. */
    public void save(Path file, String howMade) throws IOException {
        InputFiles.writeAtomically(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.format(Locale.ROOT, "# sedet split: %d labeled, %d unlabeled%n",
                    labeled.size(), unlabeled.size()));
            if (howMade != null && !howMade.isBlank()) {
                w.write("# " + howMade.strip() + "\n");
            }
            w.write("# one labeled image id per line; every other image of the dataset is unlabeled\n");
            for (String id : labeled) {
                w.write(id);
                w.write('\n');
            }
            w.flush();
        });
    }

    /**
     * Reads a split file against the dataset's image ids: an id the dataset lacks, or one listed
     * twice, is an error naming the line.
     */
    public static SemiSupervisedSplit load(Path file, List<String> datasetImageIds) {
        List<String> lines = InputFiles.readLines(file, "split file");
        Set<String> known = new HashSet<>(datasetImageIds);
        Set<String> labeled = new LinkedHashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String s = lines.get(n).strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (!known.contains(s)) {
                throw new InputException(file, "line " + (n + 1) + ": image id '" + s + "' is not in the dataset");
            }
            if (!labeled.add(s)) {
                throw new InputException(file, "line " + (n + 1) + ": image id '" + s + "' is listed twice");
            }
        }
        List<String> lab = new ArrayList<>(labeled);
        List<String> unl = new ArrayList<>();
        for (String id : datasetImageIds) {
            if (!labeled.contains(id)) {
                unl.add(id);
            }
        }
        Collections.sort(lab);
        Collections.sort(unl);
        return new SemiSupervisedSplit(lab, unl);
    }
}
