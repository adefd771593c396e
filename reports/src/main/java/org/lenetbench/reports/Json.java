package org.lenetbench.reports;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the result files, with errors that name the file and the field. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode read(Path file) throws IOException {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ReportInputException(file, "(file)", "valid JSON: " + e.getOriginalMessage());
        }
    }

    static JsonNode node(Path file, JsonNode parent, String field) {
        return node(file, parent, field, field);
    }

    /** {@code where}: how an error names the field, its path in the file when it is nested. */
    static JsonNode node(Path file, JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new ReportInputException(file, where, "a value");
        }
        return n;
    }

    static String text(Path file, JsonNode parent, String field) {
        return text(file, parent, field, field);
    }

    static String text(Path file, JsonNode parent, String field, String where) {
        JsonNode n = node(file, parent, field, where);
        if (!n.isTextual()) {
            throw new ReportInputException(file, where, "a string, got " + n);
        }
        return n.asText();
    }

    /** A number, or JMH's string "NaN". */
    static double number(Path file, JsonNode parent, String field) {
        return number(file, parent, field, field);
    }

    static double number(Path file, JsonNode parent, String field, String where) {
        JsonNode n = node(file, parent, field, where);
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual() && n.asText().equals("NaN")) {
            return Double.NaN;
        }
        throw new ReportInputException(file, where, "a number, got " + n);
    }
}
