package dev.hourglass.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One JSON object of a request, read field by field with strict types: nothing is coerced, and a
 * wrong type is refused with the field's full path ({@code schedule.intervalMs}). An absent field
 * reads as null so the domain, which owns presence and limits, can say what is missing.
 */
final class JsonObject {

    private final ObjectNode node;
    private final String prefix;

    private JsonObject(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    static JsonObject root(ObjectNode node) {
        return new JsonObject(node, "");
    }

    /** Whether the field is there, JSON null included: an edit tells "clear it" from "leave it". */
    boolean has(String name) {
        return node.has(name);
    }

    /** A string, or null when absent or null. */
    String text(String name) {
        JsonNode value = typed(name, JsonNode::isTextual, "a string");
        if (value == null) {
            return null;
        }
        String text = value.textValue();
        if (hasLoneSurrogate(text)) {
            throw ApiException.invalidRequest(path(name) + " is not valid Unicode text: it holds an unpaired surrogate escape");
        }
        return text;
    }

    /** {@code true} or {@code false}; {@code whenAbsent} when the field is not there. Null is refused. */
    boolean bool(String name, boolean whenAbsent) {
        JsonNode value = node.get(name);
        if (value == null) {
            return whenAbsent;
        }
        if (!value.isBoolean()) {
            throw ApiException.wrongType(path(name), "true or false", typeOf(value));
        }
        return value.booleanValue();
    }

    /** A whole number that fits 64 bits, or null when absent or null. {@code 1500.5} and {@code "60000"} are refused. */
    Long integer(String name) {
        JsonNode value = typed(name, JsonNode::isIntegralNumber, "an integer");
        if (value == null) {
            return null;
        }
        if (!value.canConvertToLong()) {
            throw ApiException.invalidRequest(path(name) + " is out of range: " + value.asText());
        }
        return value.longValue();
    }

    /**
     * An array of strings, or null when absent or null; an element of another type is refused naming
     * it ({@code filter.ids[2]}).
     */
    java.util.List<String> texts(String name) {
        JsonNode value = typed(name, JsonNode::isArray, "an array of strings");
        if (value == null) {
            return null;
        }
        java.util.List<String> texts = new java.util.ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                throw ApiException.wrongType(path(name) + "[" + i + "]", "a string", typeOf(element));
            }
            if (hasLoneSurrogate(element.textValue())) {
                throw ApiException.invalidRequest(path(name) + "[" + i + "] is not valid Unicode text");
            }
            texts.add(element.textValue());
        }
        return texts;
    }

    /** A nested object, or null when absent or null. */
    JsonObject object(String name) {
        JsonNode value = typed(name, JsonNode::isObject, "an object");
        return value == null ? null : new JsonObject((ObjectNode) value, path(name) + ".");
    }

    /**
     * An array, or null when absent or null: each element as an object, or null for an element that
     * is not one (the caller refuses it by its index).
     */
    List<JsonObject> objects(String name) {
        JsonNode value = typed(name, JsonNode::isArray, "an array");
        if (value == null) {
            return null;
        }
        List<JsonObject> elements = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            elements.add(element.isObject() ? new JsonObject((ObjectNode) element, "") : null);
        }
        return elements;
    }

    /** The field's value, null when absent or JSON null; a value of another type is refused naming the field. */
    private JsonNode typed(String name, Predicate<JsonNode> isExpectedType, String expected) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!isExpectedType.test(value)) {
            throw ApiException.wrongType(path(name), expected, typeOf(value));
        }
        return value;
    }

    private static String typeOf(JsonNode value) {
        return value.isNumber() && !value.isIntegralNumber() ? "fractional number" : value.getNodeType().name();
    }

    /** JSON lets an escaped lone surrogate through; such a string cannot be stored or written back as UTF-8. */
    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private String path(String name) {
        return prefix + name;
    }
}
