package org.lenetbench.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;

import org.lenetbench.model.ModelWork;

/**
 * The FLOP and byte counts per image that the suite recorded with its results ({@value ModelWork#FILE_NAME},
 * {@code lenet models --json}): what a result's FLOP rate and arithmetic intensity are computed from. A folder
 * without the file has no counts ({@link #NONE}), and its rates are shown as unknown.
 */
record WorkCounts(Map<String, ModelWork> models) {
    static final WorkCounts NONE = new WorkCounts(Map.of());

    static boolean isWorkCounts(Path file) {
        return file.getFileName().toString().equals(ModelWork.FILE_NAME);
    }

    /**
     * FLOP per image of a network or layer result: a network's forward pass or training step, a layer's forward or
     * backward pass. Empty for any other result, or a model or layer the counts do not name.
     */
    OptionalDouble flopPerImage(JmhRecord j) {
        ModelWork model = models.get(j.param("model"));
        if (model == null) {
            return OptionalDouble.empty();
        }
        String layer = j.param("layer");
        if (layer.isEmpty()) {
            return switch (j.method()) {
                case "forward" -> OptionalDouble.of(model.forwardFlop());
                case "trainStep" -> OptionalDouble.of(model.trainStepFlop());
                default -> OptionalDouble.empty();
            };
        }
        return model.layers().stream().filter(l -> l.layer().equals(layer)).findFirst()
                .map(l -> switch (j.method()) {
                    case "forward" -> OptionalDouble.of(l.forwardFlop());
                    case "backward" -> OptionalDouble.of(l.backwardFlop());
                    default -> OptionalDouble.empty();
                }).orElse(OptionalDouble.empty());
    }

    /** Bytes per image a layer result must move at the least at its batch size; empty for anything else. */
    OptionalDouble bytesPerImage(JmhRecord j) {
        ModelWork model = models.get(j.param("model"));
        int batch = j.intParam("batch");
        if (model == null || j.param("layer").isEmpty() || batch <= 0) {
            return OptionalDouble.empty();
        }
        return model.layers().stream().filter(l -> l.layer().equals(j.param("layer"))).findFirst()
                .map(l -> switch (j.method()) {
                    case "forward" -> OptionalDouble.of(l.forwardTraffic().perImageAtBatch(batch));
                    case "backward" -> OptionalDouble.of(l.backwardTraffic().perImageAtBatch(batch));
                    default -> OptionalDouble.empty();
                }).orElse(OptionalDouble.empty());
    }

    static WorkCounts parse(Path file, JsonNode root) {
        JsonNode list = Json.node(file, root, "models");
        if (!list.isArray()) {
            throw new ReportInputException(file, "models", "an array of models, got " + list);
        }
        Map<String, ModelWork> models = new LinkedHashMap<>();
        for (int m = 0; m < list.size(); m++) {
            JsonNode model = list.get(m);
            String at = "models[" + m + "]";
            JsonNode layers = Json.node(file, model, "layers", at + ".layers");
            if (!layers.isArray()) {
                throw new ReportInputException(file, at + ".layers", "an array of layers, got " + layers);
            }
            List<ModelWork.LayerWork> layerWork = new ArrayList<>();
            for (int l = 0; l < layers.size(); l++) {
                JsonNode layer = layers.get(l);
                String lat = at + ".layers[" + l + "]";
                layerWork.add(new ModelWork.LayerWork(Json.text(file, layer, "layer", lat + ".layer"),
                        Json.number(file, layer, "forwardFlop", lat + ".forwardFlop"),
                        Json.number(file, layer, "backwardFlop", lat + ".backwardFlop"),
                        traffic(file, layer, "forwardTraffic", lat), traffic(file, layer, "backwardTraffic", lat)));
            }
            String name = Json.text(file, model, "model", at + ".model");
            models.put(name, new ModelWork(name, Json.number(file, model, "forwardFlop", at + ".forwardFlop"),
                    Json.number(file, model, "trainStepFlop", at + ".trainStepFlop"), layerWork));
        }
        return new WorkCounts(models);
    }

    private static ModelWork.Traffic traffic(Path file, JsonNode layer, String field, String at) {
        JsonNode traffic = Json.node(file, layer, field, at + "." + field);
        return new ModelWork.Traffic(Json.number(file, traffic, "bytesPerImage", at + "." + field + ".bytesPerImage"),
                Json.number(file, traffic, "bytesPerBatch", at + "." + field + ".bytesPerBatch"));
    }
}
