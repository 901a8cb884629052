package io.sedet.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the student's BatchNorms see the labeled batch and the strong view u_s after burn-in (the
 * half view u_s↓ is always a pass of its own, normalised by its own batch statistics and feeding
 * no running statistics).
 */
public enum StudentBatchNorm implements ConfigEnum {
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

    @Override
    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static StudentBatchNorm parse(String s) {
        return ConfigEnum.parse(StudentBatchNorm.class, s, "semi.batchNorm");
    }
}
