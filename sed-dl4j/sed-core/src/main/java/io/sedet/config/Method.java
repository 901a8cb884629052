package io.sedet.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a run uses its unlabeled images. */
public enum Method implements ConfigEnum {
    /** The labeled images alone (the baseline SED is measured against). */
    SUPERVISED("supervised"),
    /** EMA teacher, hard pseudo-labels (teacher boxes after NMS above a threshold), RetinaNet loss on u_s. */
    MEAN_TEACHER("mean-teacher"),
    /** Scale-Equivalent Distillation: soft dense distillation, same-scale and scale-equivalent pairs, re-weighting. */
    SED("sed");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** The name used on the command line and in configs. */
    @Override
    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Method parse(String s) {
        return ConfigEnum.parse(Method.class, s, "semi.method");
    }

    /** Whether the method trains on unlabeled images with a teacher. */
    public boolean usesTeacher() {
        return this != SUPERVISED;
    }
}
