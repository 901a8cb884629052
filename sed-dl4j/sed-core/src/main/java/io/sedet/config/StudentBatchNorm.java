package io.sedet.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sedet.io.InputException;

import java.util.Locale;

/**
 * How the student's BatchNorms see the labeled batch and the strong view u_s after burn-in (the
 * half view u_s↓ is always a pass of its own, normalised by its own batch statistics and feeding
 * no running statistics).
 */
public enum StudentBatchNorm {
    /**
     * One pass on concat(labeled, u_s): both are normalised by the statistics of the mixed batch,
     * which also feed the running statistics the teacher and the evaluation use.
     */
    JOINT("joint"),
    /**
     * Two passes (same weights): the labeled batch and u_s each normalised by their own batch
     * statistics; only the labeled pass feeds the running statistics, so the teacher and the
     * evaluation never normalise with statistics of strongly augmented pixels.
     */
    SEPARATE("separate");

    private final String label;

    StudentBatchNorm(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static StudentBatchNorm parse(String s) {
        for (StudentBatchNorm b : values()) {
            if (b.label.equals(s.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new InputException("semi.batchNorm", "must be joint or separate, got '" + s + "'");
    }
}
