package org.lenetbench.reports;

import java.nio.file.Path;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;

/** A GPU's measured limits, the {@code gpu-roofline.json} that jcuda's GpuRooflineProbe writes (scripts/gpu-run). */
record DeviceRoofline(String device, double fmaFlops, double triadBytesPerSecond, OptionalDouble uploadBytesPerSecond) {
    static final String FILE_NAME = "gpu-roofline.json";

    /**
     * Medians: "fmaPeak" in GFLOP/s, "triadBandwidth" and "uploadBandwidth" in GB/s. The upload is absent from the
     * files of probes older than it.
     */
    static DeviceRoofline parse(Path file, JsonNode root) {
        return new DeviceRoofline(text(file, root, "device"),
                1e9 * median(file, root, "fmaPeak", "GFLOP/s"), 1e9 * median(file, root, "triadBandwidth", "GB/s"),
                root.has("uploadBandwidth") ? OptionalDouble.of(1e9 * median(file, root, "uploadBandwidth", "GB/s"))
                        : OptionalDouble.empty());
    }

    private static String text(Path file, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new ReportInputException(file, field, "the GPU's name as a string");
        }
        return node.asText();
    }

    private static double median(Path file, JsonNode root, String field, String unit) {
        JsonNode node = root.path(field);
        if (!node.path("median").isNumber() || !unit.equals(node.path("unit").asText())) {
            throw new ReportInputException(file, field + ".median", "a number in " + unit);
        }
        return node.get("median").asDouble();
    }
}
