package io.sedet.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * Typed access to the fields of one JSON object, raising {@link InputException} that names the
 * file, the element ({@code "annotations[12]"}) and the field.
 */
public final class Fields {
    private final Path file;
    private final String where;
    private final JsonNode node;

    public Fields(Path file, String where, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InputException(file, where + " is not a JSON object");
        }
        this.file = file;
        this.where = where;
        this.node = node;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public JsonNode get(String field) {
        return node.get(field);
    }

    public InputException problem(String what) {
        return new InputException(file, where + ": " + what);
    }

    private JsonNode require(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw problem("missing field '" + field + "'");
        }
        return v;
    }

    /** An integer field (a JSON number without fraction). */
    public long requireLong(String field) {
        JsonNode v = require(field);
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw problem("field '" + field + "' must be an integer, got " + v);
        }
        return v.asLong();
    }

    public int requireInt(String field) {
        long v = requireLong(field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw problem("field '" + field + "' is out of range: " + v);
        }
        return (int) v;
    }

    public int optInt(String field, int fallback) {
        return has(field) ? requireInt(field) : fallback;
    }

    /** A finite number. */
    public double requireFinite(String field) {
        JsonNode v = require(field);
        if (!v.isNumber()) {
            throw problem("field '" + field + "' must be a number, got " + v);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw problem("field '" + field + "' must be finite, got " + d);
        }
        return d;
    }

    public String requireText(String field) {
        JsonNode v = require(field);
        if (!v.isTextual()) {
            throw problem("field '" + field + "' must be a string, got " + v);
        }
        return v.asText();
    }

    public String optText(String field, String fallback) {
        return has(field) ? requireText(field) : fallback;
    }

    /** COCO's {@code [x, y, w, h]}: four finite numbers, w and h not negative. */
    public double[] requireXywh(String field) {
        JsonNode v = require(field);
        if (!v.isArray() || v.size() != 4) {
            throw problem("field '" + field + "' must be [x, y, w, h], got " + v);
        }
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            JsonNode c = v.get(i);
            if (!c.isNumber() || !Double.isFinite(c.asDouble())) {
                throw problem("field '" + field + "' must hold 4 finite numbers, got " + v);
            }
            out[i] = c.asDouble();
        }
        if (out[2] < 0 || out[3] < 0) {
            throw problem("field '" + field + "' has a negative width or height: " + v);
        }
        return out;
    }
}
