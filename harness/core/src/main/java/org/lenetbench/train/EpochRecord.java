package org.lenetbench.train;

/**
 * One epoch: its batch size, the mean training loss over its steps, the test loss and accuracy after it, the training
 * time (evaluation excluded) and training throughput, and the evaluation time apart; with SDLM, the range of
 * its per-parameter step sizes for the epoch ({@code null} for other optimizers); with a validation split, its loss
 * and accuracy after the epoch ({@code null} without one).
 */
public record EpochRecord(int epoch, int batchSize, double learningRate, double trainLoss, double testLoss,
        double testAccuracy, double trainSeconds, double trainImagesPerSecond, double evalSeconds, EffectiveRates sdlmRates,
        Double validationLoss, Double validationAccuracy) {
}
