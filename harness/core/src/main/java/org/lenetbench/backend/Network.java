package org.lenetbench.backend;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.tensor.NamedTensors;

/**
 * One model instantiated by one backend on one device: its parameters, optimizer state and buffers.
 * Not thread-safe: one caller at a time. Every method except {@link #close()} throws
 * {@link IllegalStateException} once the network is closed.
 *
 * <p>Conventions (the conformance kit checks them):
 * <ul>
 * <li>Parameters are canonical ({@link ModelSpec#parameters()}): names, order, layouts. Gradients and
 *     curvature cover the trainable parameters only.</li>
 * <li>Losses are means over the batch; gradients are gradients of that mean.</li>
 * <li>Scores are {@code [n, classes]}: logits for a linear output, RBF distances for an RBF output;
 *     {@link org.lenetbench.model.Output#predict} turns a row into a class.</li>
 * <li>Where the gradient is not defined, the rule is fixed, because real inputs reach it (a blank MNIST
 *     background ties every max-pooling window over it): a max-pooling window whose largest value ties sends
 *     its gradient to the <em>first</em> of them in row-major window order, the others get none
 *     ({@link org.lenetbench.model.Subsampling.Kind#MAX}); ReLU's derivative at 0 is 0.</li>
 * </ul>
 */
public interface Network extends AutoCloseable {

    ModelSpec model();

    Device device();

    /** The number of threads this network really uses. */
    int threads();

    /**
     * Replaces every parameter (fixed ones such as RBF centres included). Throws
     * {@link IllegalArgumentException} naming the tensor when a name or shape does not match the model.
     * Resets no optimizer state.
     */
    void loadParameters(NamedTensors parameters);

    /** A copy of every parameter, canonical names, order and layouts. */
    NamedTensors parameters();

    /** Writes the scores of the batch's {@code size()} images into {@code scores[0 .. size·classes)}. */
    void forward(Batch batch, float[] scores);

    /** The mean loss over the batch and its gradients, without changing any parameter or optimizer state. */
    LossAndGradients lossAndGradients(Batch batch);

    /**
     * SDLM's curvature estimate on this batch: the mean over its patterns of the Gauss-Newton diagonal
     * {@code h_kk} of every trainable parameter (see {@link OptimizerSpec.Sdlm}). Changes nothing.
     * Backends that do not support SDLM throw {@link UnsupportedOperationException}.
     */
    NamedTensors curvature(Batch batch);

    /** Chooses the optimizer for {@link #trainStep} and resets its state (moments, step count, curvature). */
    void setOptimizer(OptimizerSpec optimizer);

    /** SDLM only: the curvature {@code h_kk} the steps use until the next call (trainable parameters). */
    void setCurvature(NamedTensors curvature);

    /**
     * One training step on the batch with the current optimizer at {@code learningRate}: computes the
     * gradients of the mean loss and updates the parameters. Returns the mean loss before the update.
     */
    double trainStep(Batch batch, double learningRate);

    /**
     * One layer on its own, for a batch of {@code batchSize}, using this network's current parameters:
     * what the JMH suite times per layer and the conformance kit checks per layer.
     */
    LayerKernel layer(String layerName, int batchSize);

    /** Frees native and device memory. Idempotent. */
    @Override
    void close();
}
