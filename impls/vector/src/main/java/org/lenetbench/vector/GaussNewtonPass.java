package org.lenetbench.vector;

import java.util.Arrays;
import java.util.List;

import org.lenetbench.backend.Batch;
import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;
import org.lenetbench.tensor.NamedTensors;

/**
 * SDLM's curvature estimate in float32 (see {@link org.lenetbench.backend.Network#curvature}): a sample at a time,
 * this backend's forward pass, then the Gauss-Newton pass from the loss's weights ω back to the input, each layer
 * sending the diagonal second derivatives back with squared factors and adding its parameters' h_kk (x² · ∂²E/∂y²),
 * terms in f'' dropped. Plain loops over the canonical parameter layout: it runs on a few hundred patterns per
 * epoch, so it is written to be read, not to be fast.
 */
final class GaussNewtonPass {
    private final ModelSpec model;
    private final List<VectorLayer> layers;
    private final FloatParameters params;
    private final FloatLoss loss;
    private final float[][] activations;
    private final float[][] second;
    private final float[][] scratch;
    private final float[][] curvature;

    GaussNewtonPass(ModelSpec model, List<VectorLayer> layers, FloatParameters params, FloatLoss loss) {
        this.model = model;
        this.layers = layers;
        this.params = params;
        this.loss = loss;
        this.activations = new float[layers.size() + 1][];
        this.second = new float[layers.size() + 1][];
        activations[0] = new float[layers.getFirst().in.size()];
        second[0] = new float[layers.getFirst().in.size()];
        for (int i = 0; i < layers.size(); i++) {
            activations[i + 1] = new float[layers.get(i).out.size()];
            second[i + 1] = new float[layers.get(i).out.size()];
        }
        this.scratch = layers.stream().map(l -> new float[l.scratchSize()]).toArray(float[][]::new);
        this.curvature = params.newGradients();
    }

    /** The mean over the batch of every trainable parameter's h_kk. */
    NamedTensors run(Batch batch) {
        for (float[] h : curvature) {
            Arrays.fill(h, 0);
        }
        int last = layers.size();
        int size = activations[0].length;
        for (int n = 0; n < batch.size(); n++) {
            System.arraycopy(batch.images(), n * size, activations[0], 0, size);
            for (int i = 0; i < last; i++) {
                layers.get(i).forward(activations[i], activations[i + 1], scratch[i]);
            }
            loss.curvatureWeights(activations[last], batch.labels()[n], second[last]);
            for (int i = last - 1; i >= 0; i--) {
                VectorLayer layer = layers.get(i);
                sendBack(model.layers().get(i), layer.in, layer.out, activations[i], second[i + 1],
                        i == 0 ? null : second[i]);
            }
        }
        float scale = 1f / batch.size();
        for (float[] h : curvature) {
            for (int k = 0; k < h.length; k++) {
                h[k] *= scale;
            }
        }
        return params.trainableTensors(curvature);
    }

    /** From ∂²E/∂y² of one layer writes ∂²E/∂x² (unless d2x is null: the first layer) and adds its h_kk. */
    private void sendBack(Layer layer, Shape in, Shape out, float[] x, float[] d2y, float[] d2x) {
        if (d2x != null) {
            Arrays.fill(d2x, 0);
        }
        switch (layer) {
            case Convolution c -> convolution(c, in, out, x, d2y, d2x);
            case FullyConnected f -> dense(f.name(), in.size(), out.size(), x, d2y, d2x);
            case Output o when o.kind() == Output.Kind.LINEAR -> dense(o.name(), in.size(), out.size(), x, d2y, d2x);
            case Output o -> { // RBF: each distance's own second derivative is 2 per input, weighted by ω_i
                float total = 0;
                for (float h : d2y) {
                    total += h;
                }
                if (d2x != null) {
                    Arrays.fill(d2x, 2 * total);
                }
            }
            case Subsampling s -> subsampling(s, in, out, x, d2y, d2x);
            case Activation a -> {
                for (int i = 0; d2x != null && i < x.length; i++) {
                    float d = derivative(a.function(), x[i]);
                    d2x[i] = d * d * d2y[i];
                }
            }
        }
    }

    private void convolution(Convolution c, Shape in, Shape out, float[] x, float[] d2y, float[] d2x) {
        float[] w = params.value(c.name() + ".weight");
        float[] hw = curvature[params.gradientIndex(c.name() + ".weight")];
        float[] hb = curvature[params.gradientIndex(c.name() + ".bias")];
        int k = c.kernel();
        for (int o = 0; o < out.channels(); o++) {
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    float h = d2y[(o * out.height() + i) * out.width() + j];
                    hb[o] += h;
                    for (int ch = 0; ch < in.channels(); ch++) {
                        if (!c.connected(o, ch)) {
                            continue;
                        }
                        for (int u = 0; u < k; u++) {
                            int row = i + u - c.padding();
                            for (int v = 0; v < k; v++) {
                                int col = j + v - c.padding();
                                if (row < 0 || row >= in.height() || col < 0 || col >= in.width()) {
                                    continue;
                                }
                                int xi = (ch * in.height() + row) * in.width() + col;
                                int wi = ((o * in.channels() + ch) * k + u) * k + v;
                                hw[wi] += x[xi] * x[xi] * h;
                                if (d2x != null) {
                                    d2x[xi] += w[wi] * w[wi] * h;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private void dense(String name, int inputs, int outputs, float[] x, float[] d2y, float[] d2x) {
        float[] w = params.value(name + ".weight");
        float[] hw = curvature[params.gradientIndex(name + ".weight")];
        float[] hb = curvature[params.gradientIndex(name + ".bias")];
        for (int i = 0; i < outputs; i++) {
            hb[i] += d2y[i];
            for (int j = 0; j < inputs; j++) {
                hw[i * inputs + j] += x[j] * x[j] * d2y[i];
                if (d2x != null) {
                    d2x[j] += w[i * inputs + j] * w[i * inputs + j] * d2y[i];
                }
            }
        }
    }

    private void subsampling(Subsampling s, Shape in, Shape out, float[] x, float[] d2y, float[] d2x) {
        int window = s.window();
        boolean trainable = s.kind() == Subsampling.Kind.TRAINABLE;
        float[] coef = trainable ? params.value(s.name() + ".coef") : null;
        float[] hcoef = trainable ? curvature[params.gradientIndex(s.name() + ".coef")] : null;
        float[] hbias = trainable ? curvature[params.gradientIndex(s.name() + ".bias")] : null;
        for (int m = 0; m < out.channels(); m++) {
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    float h = d2y[(m * out.height() + i) * out.width() + j];
                    int first = (m * in.height() + i * window) * in.width() + j * window;
                    float toEach;
                    switch (s.kind()) {
                        case TRAINABLE -> {
                            float sum = 0;
                            for (int u = 0; u < window; u++) {
                                for (int v = 0; v < window; v++) {
                                    sum += x[first + u * in.width() + v];
                                }
                            }
                            hcoef[m] += sum * sum * h;
                            hbias[m] += h;
                            toEach = coef[m] * coef[m] * h;
                        }
                        case AVERAGE -> {
                            float scale = 1f / (window * window);
                            toEach = scale * scale * h;
                        }
                        case MAX -> {
                            if (d2x != null) {
                                d2x[firstLargest(x, first, window, in.width())] += h;
                            }
                            continue;
                        }
                        default -> throw new AssertionError(s.kind());
                    }
                    for (int u = 0; d2x != null && u < window; u++) {
                        for (int v = 0; v < window; v++) {
                            d2x[first + u * in.width() + v] += toEach;
                        }
                    }
                }
            }
        }
    }

    /** The contract's tie rule: the first largest element in row-major window order. */
    private static int firstLargest(float[] x, int first, int window, int width) {
        int best = first;
        for (int u = 0; u < window; u++) {
            for (int v = 0; v < window; v++) {
                int at = first + u * width + v;
                if (x[at] > x[best]) {
                    best = at;
                }
            }
        }
        return best;
    }

    private static float derivative(Activation.Function function, float a) {
        return switch (function) {
            case SCALED_TANH -> {
                float t = (float) Math.tanh(Activation.SCALED_TANH_S * a);
                yield (float) (Activation.SCALED_TANH_A * Activation.SCALED_TANH_S) * (1 - t * t);
            }
            case TANH -> {
                float t = (float) Math.tanh(a);
                yield 1 - t * t;
            }
            case RELU -> a > 0 ? 1 : 0;
        };
    }
}
