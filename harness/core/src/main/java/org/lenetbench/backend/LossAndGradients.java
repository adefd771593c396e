package org.lenetbench.backend;

import org.lenetbench.tensor.NamedTensors;

/** The batch-mean loss and its gradients with respect to every trainable parameter, canonical layout. */
public record LossAndGradients(double loss, NamedTensors gradients) {
}
