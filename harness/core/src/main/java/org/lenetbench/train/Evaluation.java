package org.lenetbench.train;

/** A model scored on a test split: mean loss, accuracy, confusion matrix [true][predicted], misclassified indices. */
public record Evaluation(int images, double loss, double accuracy, int[][] confusion, int[] misclassified) {
}
