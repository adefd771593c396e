package org.lenetbench.cli;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;

/**
 * What {@code lenet train} uses when an option is left out: the paper's recipe for {@code lenet5-1998}
 * (SDLM, one pattern per update, the per-pass schedule), Adam at 1e-3 with batch 16 for the others
 * (batch 16 reached 97.7 % after one epoch of lenet5 on the reference where batch 32 reached 97.1 %).
 */
enum TrainingDefaults {
    PAPER(OptimizerChoice.SDLM, ScheduleChoice.PAPER, 1, Double.NaN),
    ADAM(OptimizerChoice.ADAM, ScheduleChoice.CONSTANT, 16, 1e-3);

    final OptimizerChoice optimizer;
    final ScheduleChoice schedule;
    final int batch;
    final double rate;

    TrainingDefaults(OptimizerChoice optimizer, ScheduleChoice schedule, int batch, double rate) {
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.batch = batch;
        this.rate = rate;
    }

    static TrainingDefaults of(ModelSpec model) {
        return model.name().equals(Models.LENET5_1998) ? PAPER : ADAM;
    }

    /** The learning rate for an optimizer when --lr is left out. */
    static double rateFor(OptimizerChoice optimizer) {
        return switch (optimizer) {
            case ADAM -> 1e-3;
            case SGD -> 0.01;
            case SDLM -> 0.0005;
        };
    }

    enum OptimizerChoice { SGD, ADAM, SDLM }

    enum ScheduleChoice { CONSTANT, STEP, PAPER }
}
