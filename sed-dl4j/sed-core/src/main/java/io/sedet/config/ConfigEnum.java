package io.sedet.config;

import io.sedet.io.InputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum of a config key that is written by its label ({@code "mean-teacher"}, {@code "joint"}):
 * {@link #parse} reads it back from the label or the constant's name, case-insensitively, and
 * names the key and the labels when neither matches.
 */
public interface ConfigEnum {
    /** How the value is written in a config. */
    String label();

    /**
     * The constant of {@code type} whose label or name is {@code s}.
     *
     * @param key the config key, named in the error
     * @throws InputException naming {@code key} and every label when {@code s} is none of them
     */
    static <E extends Enum<E> & ConfigEnum> E parse(Class<E> type, String s, String key) {
        E[] values = type.getEnumConstants();
        String want = s == null ? "" : s.toLowerCase(Locale.ROOT);
        for (E e : values) {
            if (e.label().equals(want) || e.name().equalsIgnoreCase(want)) {
                return e;
            }
        }
        throw new InputException(key, "must be one of "
                + Arrays.stream(values).map(ConfigEnum::label).collect(Collectors.joining(", ")) + ", got '" + s + "'");
    }
}
