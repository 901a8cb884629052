package io.sedet.eval.split;

import io.sedet.io.InputException;

import java.util.List;

/**
 * How many images of a training set keep their labels: a count ({@code "50"}) or a fraction of the
 * images ({@code "0.1"}, {@code "1.0"}), as written in a config ({@code semi.labeled}) or on the
 * command line. {@link #parse} checks the form alone, so a bad amount is refused before any data
 * is read; {@link #split} chooses the images.
 *
 * @param count    the labeled images, or −1 for a fraction
 * @param fraction the labeled share in [0, 1], or NaN for a count
 */
public record LabeledAmount(int count, double fraction) {
    /** The amount {@code text} names; an {@link InputException} on setting {@code labeled} otherwise. */
    public static LabeledAmount parse(String text) {
        String a = text == null ? "" : text.strip();
        if (a.matches("\\d+")) {
            int n;
            try {
                n = Integer.parseInt(a);
            } catch (NumberFormatException e) {
                throw new InputException("labeled", "the labeled count " + a + " is too large");
            }
            if (n < 1) {
                throw new InputException("labeled", "a labeled count must be at least 1, got " + a);
            }
            return new LabeledAmount(n, Double.NaN);
        }
        double f;
        try {
            f = Double.parseDouble(a);
        } catch (NumberFormatException e) {
            throw new InputException("labeled", "the labeled amount must be a fraction or a count, got '" + text + "'");
        }
        if (!(f > 0 && f <= 1)) {
            throw new InputException("labeled", "a labeled fraction must be in (0, 1], got " + a);
        }
        return new LabeledAmount(-1, f);
    }

    /** Whether this is a count rather than a fraction. */
    public boolean isCount() {
        return count >= 0;
    }

    /** The split of {@code imageIds} this amount labels, chosen by {@code seed}; at least one image is labeled. */
    public SemiSupervisedSplit split(List<String> imageIds, long seed) {
        SemiSupervisedSplit s = isCount() ? SemiSupervisedSplit.byCount(imageIds, count, seed)
                : SemiSupervisedSplit.byFraction(imageIds, fraction, seed);
        if (s.labeled().isEmpty()) {
            throw new InputException("labeled", "labeled amount " + this + " labels no image of " + imageIds.size());
        }
        return s;
    }

    /** As written: the count, or the fraction. */
    @Override
    public String toString() {
        return isCount() ? Integer.toString(count) : Double.toString(fraction);
    }
}
