package org.lenetbench.train;

/** Progress of a training run, for progress bars and logs. Called on the training thread. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    default void epochStarted(int epoch, int steps) {
    }

    /** After each step: the running mean loss of the epoch and the epoch's training images per second so far. */
    default void stepDone(int epoch, int step, int steps, double meanLoss, double imagesPerSecond) {
    }

    default void epochDone(EpochRecord record) {
    }
}
