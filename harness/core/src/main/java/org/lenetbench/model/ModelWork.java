package org.lenetbench.model;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What one image costs a model and each of its layers: FLOP (2 per multiply-add of
 * {@link ModelSpec#forwardMultiplyAdds}) and the fp32 bytes a layer's pass must move at the least. The benchmark
 * suite records these beside its results ({@value #FILE_NAME}), so that a report divides measured rates by the
 * counts of the code that was measured, not by those of the code that reads them later.
 *
 * @param trainStepFlop a training step: the forward pass, the input gradient and the weight gradient, three times
 *                      the forward pass's FLOP
 */
public record ModelWork(String model, double forwardFlop, double trainStepFlop, List<LayerWork> layers) {
    /** The file name the suite records the counts of every model in ({@code lenet models --json}). */
    public static final String FILE_NAME = "models.json";
    private static final int FLOAT_BYTES = 4;

    /**
     * One layer's counts per image.
     *
     * @param backwardFlop the input gradient and the parameter gradient, twice the forward pass's FLOP
     */
    public record LayerWork(String layer, double forwardFlop, double backwardFlop, Traffic forwardTraffic,
            Traffic backwardTraffic) {
    }

    /**
     * Bytes a pass moves per image at the least: {@code perImage + perBatch / batch}. A forward pass reads its input
     * and the parameters and writes its output; a backward pass reads the input and the output's gradient, writes
     * the input's gradient, reads the parameters and writes their gradient. Parameters move once per batch.
     */
    public record Traffic(double bytesPerImage, double bytesPerBatch) {
        public double perImageAtBatch(int batch) {
            return bytesPerImage + bytesPerBatch / batch;
        }
    }

    public static ModelWork of(ModelSpec spec) {
        List<LayerWork> layers = spec.layerNames().stream().map(layer -> layerWork(spec, layer)).toList();
        double forward = 2.0 * spec.forwardMultiplyAdds();
        return new ModelWork(spec.name(), forward, 3 * forward, layers);
    }

    public static List<ModelWork> all() {
        return Models.all().stream().map(ModelWork::of).toList();
    }

    private static LayerWork layerWork(ModelSpec spec, String layer) {
        double in = spec.inputShapeOf(layer).size(), out = spec.outputShapeOf(layer).size();
        double parameters = spec.parametersOf(layer).stream().mapToLong(ModelWork::presentElements).sum();
        double forward = 2.0 * spec.forwardMultiplyAdds(layer);
        return new LayerWork(layer, forward, 2 * forward,
                new Traffic(FLOAT_BYTES * (in + out), FLOAT_BYTES * parameters),
                new Traffic(FLOAT_BYTES * (2 * in + out), FLOAT_BYTES * 2 * parameters));
    }

    /** Elements that exist (C3's missing connections are not traffic). */
    private static long presentElements(ParameterSpec p) {
        return IntStream.range(0, p.size()).filter(i -> p.mask().present(i)).count();
    }
}
