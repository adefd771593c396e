package org.lenetbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lenetbench.model.InitScheme;
import org.lenetbench.model.Models;
import org.lenetbench.optim.LearningRateSchedule;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.train.TrainingConfig;

import picocli.CommandLine;

/** How `lenet train`'s options become a TrainingConfig. */
class TrainOptionsTest {

    private static TrainingConfig config(String... args) {
        TrainCommand command = new TrainCommand();
        CommandLine cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.parseArgs(args);
        return command.config(Models.byName(command.model));
    }

    @Test
    void defaultsAreAdamAtOneEMinusThreeWithBatchSixteen() {
        TrainingConfig c = config("--backend", "reference", "--model", "lenet5");
        assertEquals(OptimizerSpec.Adam.DEFAULT, c.optimizer());
        assertEquals(new LearningRateSchedule.Constant(1e-3), c.schedule());
        assertEquals(16, c.batchSize());
        assertEquals(InitScheme.LECUN98, c.init());
        assertEquals(InitScheme.PYTORCH, config("--backend", "x", "--model", "lenet5-modern").init());
    }

    @Test
    void sdlmMeansThePapersRecipe() {
        TrainingConfig c = config("--backend", "reference", "--model", "lenet5-1998", "--optimizer", "sdlm");
        assertEquals(OptimizerSpec.Sdlm.PAPER, c.optimizer());
        assertEquals(new LearningRateSchedule.Paper(), c.schedule());
        assertEquals(1, c.batchSize());
        assertEquals(500, c.curvatureSamples());
    }

    @Test
    void lrMovesThePapersScheduleAndKeepsItsSteps() {
        TrainingConfig c = config("--backend", "reference", "--model", "lenet5-1998", "--optimizer", "sdlm",
                "--lr", "1e-4");
        assertEquals(new LearningRateSchedule.Paper(1e-4), c.schedule());
        assertEquals(1e-4, c.schedule().rate(0), 1e-18);
        assertEquals(2e-6, c.schedule().rate(19), 1e-18);
    }

    @Test
    void aOneCycleScheduleAdamsBetasAndATarget() {
        TrainingConfig c = config("--backend", "reference", "--model", "lenet5-modern", "--epochs", "4", "--lr", "2e-3",
                "--schedule", "onecycle", "--warmup", "0.5", "--beta1", "0.7", "--beta2", "0.99", "--target", "0.99");
        assertEquals(new LearningRateSchedule.OneCycle(2e-3, 0.5, 4), c.schedule());
        assertEquals(new OptimizerSpec.Adam(0.7, 0.99, 1e-8), c.optimizer());
        assertEquals(0.99, c.targetAccuracy());
        var e = assertThrows(IllegalArgumentException.class,
                () -> config("--backend", "x", "--model", "lenet1", "--optimizer", "sgd", "--beta1", "0.7"));
        assertEquals("--beta1 and --beta2 apply to --optimizer adam only", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config("--backend", "x", "--model", "lenet1",
                "--schedule", "onecycle", "--epochs", "1", "--warmup", "1"), "a warm-up as long as the run");
    }

    @Test
    void explicitOptionsWin() {
        TrainingConfig c = config("--backend", "reference", "--model", "lenet1", "--optimizer", "sgd", "--momentum", "0.9",
                "--lr", "0.1", "--schedule", "step", "--lr-every", "2", "--lr-gamma", "0.1", "--batch", "64",
                "--init", "pytorch", "--seed", "7", "--threads", "3");
        assertEquals(new OptimizerSpec.Sgd(0.9), c.optimizer());
        assertEquals(new LearningRateSchedule.Step(0.1, 0.1, 2), c.schedule());
        assertEquals(64, c.batchSize());
        assertEquals(InitScheme.PYTORCH, c.init());
        assertEquals(7, c.seed());
        assertEquals(3, c.threads());
    }

    @Test
    void contradictoryOptionsAreRefused() {
        var momentum = assertThrows(IllegalArgumentException.class,
                () -> config("--backend", "r", "--model", "lenet5", "--momentum", "0.9"));
        assertTrue(momentum.getMessage().contains("--momentum applies to --optimizer sgd only"));
        var rate = assertThrows(IllegalArgumentException.class,
                () -> config("--backend", "r", "--model", "lenet5", "--optimizer", "sdlm", "--lr", "-1e-4"));
        assertTrue(rate.getMessage().contains("must be positive and finite, got -1.0E-4"), rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config("--backend", "r", "--model", "lenet5", "--batch", "0"));
    }
}
