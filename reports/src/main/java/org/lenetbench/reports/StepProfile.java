package org.lenetbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a jcuda training step and forward pass spend their time on a GPU: the {@code step-profile.json} that
 * jcuda's GpuStepProfile writes (scripts/gpu-run's part "profile"). Each phase lists its copies and kernel launches
 * in the order they ran, each waited for, with the median of its time over the profiled steps.
 */
record StepProfile(String device, String model, int batch, int steps, Phase trainStep, Phase forward) {
    static final String FILE_NAME = "step-profile.json";

    /** "upload", "download" or a kernel's entry; size is bytes for a copy, threads launched for a kernel. */
    record Operation(String name, long size, double medianMillis) {
        boolean isCopy() {
            return name.equals("upload") || name.equals("download");
        }
    }

    record Phase(List<Operation> operations, double totalMillis) {}

    static StepProfile parse(Path file, JsonNode root) {
        return new StepProfile(Json.text(file, root, "device"), Json.text(file, root, "model"),
                integer(file, root, "batch"), integer(file, root, "steps"), phase(file, root, "trainStep"),
                phase(file, root, "forward"));
    }

    private static Phase phase(Path file, JsonNode root, String field) {
        JsonNode node = root.path(field);
        JsonNode operations = node.path("operations");
        if (!operations.isArray() || operations.isEmpty()) {
            throw new ReportInputException(file, field + ".operations", "a non-empty array of copies and launches");
        }
        List<Operation> list = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            JsonNode op = operations.get(i);
            String where = field + ".operations[" + i + "]";
            list.add(new Operation(Json.text(file, op, "operation", where + ".operation"),
                    (long) notNegative(file, op, "size", where + ".size"),
                    notNegative(file, op, "medianMillis", where + ".medianMillis")));
        }
        return new Phase(list, notNegative(file, node, "totalMillis", field + ".totalMillis"));
    }

    private static int integer(Path file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new ReportInputException(file, field, "a positive integer");
        }
        return value.asInt();
    }

    private static double notNegative(Path file, JsonNode node, String field, String where) {
        double value = Json.number(file, node, field, where);
        if (!(value >= 0)) { // NaN too
            throw new ReportInputException(file, where, "a number, not negative, got " + value);
        }
        return value;
    }
}
