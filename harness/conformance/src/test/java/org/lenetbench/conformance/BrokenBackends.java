package org.lenetbench.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.backend.Network;
import org.lenetbench.backend.ForwardingBackend;
import org.lenetbench.backend.ForwardingNetwork;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.reference.ReferenceBackend;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * Backends with the bugs a real implementation could have, made by wrapping the reference: corrupting the
 * parameters it sees, the optimizer it is given, the numbers it returns. The kit must catch each of them.
 */
final class BrokenBackends {
    private BrokenBackends() {
    }

    /** C3 reads S2 map (c + 1) mod 6 where Table 1 says c: the connection table shifted by one. */
    static Backend c3TableShiftedByOne() {
        return broken("broken-c3-table", params -> {
            Tensor w = params.get("c3.weight");
            int[] shape = w.shape(); // [16, 6, 5, 5]
            int block = shape[2] * shape[3];
            float[] shifted = new float[w.size()];
            for (int o = 0; o < shape[0]; o++) {
                for (int c = 0; c < shape[1]; c++) {
                    int to = (c + 1) % shape[1];
                    System.arraycopy(w.data(), (o * shape[1] + c) * block, shifted, (o * shape[1] + to) * block, block);
                }
            }
            return replace(params, "c3.weight", new Tensor(shape, shifted));
        });
    }

    /** Trainable subsampling that averages the window where the paper adds it: every coefficient × 1/4. */
    static Backend subsamplingAveragesInsteadOfSums() {
        return broken("broken-subsampling-scale", params -> {
            NamedTensors p = params;
            for (String name : List.of("s2.coef", "s4.coef")) {
                float[] coef = p.get(name).data().clone();
                for (int i = 0; i < coef.length; i++) {
                    coef[i] *= 0.25f;
                }
                p = replace(p, name, new Tensor(p.get(name).shape(), coef));
            }
            return p;
        });
    }

    /** Adam that ignores the betas it is given and uses 0.5 for both. */
    static Backend adamWithBetasOfOneHalf() {
        return wrapped("broken-adam-betas", network -> new ForwardingNetwork(network) {
            @Override
            public void setOptimizer(OptimizerSpec optimizer) {
                delegate.setOptimizer(optimizer instanceof OptimizerSpec.Adam a
                        ? new OptimizerSpec.Adam(0.5, 0.5, a.epsilon()) : optimizer);
            }
        });
    }

    /** Adam whose moments and step count are reset before every step: each step is η·sign(g). */
    static Backend adamForgettingItsState() {
        return wrapped("broken-adam-state", network -> new ForwardingNetwork(network) {
            private OptimizerSpec optimizer;

            @Override
            public void setOptimizer(OptimizerSpec optimizer) {
                this.optimizer = optimizer;
                delegate.setOptimizer(optimizer);
            }

            @Override
            public double trainStep(Batch batch, double learningRate) {
                if (optimizer instanceof OptimizerSpec.Adam) {
                    delegate.setOptimizer(optimizer);
                }
                return delegate.trainStep(batch, learningRate);
            }
        });
    }

    /** SGD with momentum that damps the gradient it adds (v ← μ·v + (1 − μ)·g), as PyTorch's dampening = μ. */
    static Backend sgdWithDampening() {
        return wrapped("broken-sgd-dampening", network -> new ForwardingNetwork(network) {
            private double momentum;

            @Override
            public void setOptimizer(OptimizerSpec optimizer) {
                momentum = optimizer instanceof OptimizerSpec.Sgd sgd ? sgd.momentum() : 0;
                delegate.setOptimizer(optimizer);
            }

            @Override
            public double trainStep(Batch batch, double learningRate) {
                // v is linear in the g it adds: damping each g by (1 − μ) damps v, and so the step, by (1 − μ)
                return delegate.trainStep(batch, learningRate * (1 - momentum));
            }
        });
    }

    /** A trainStep that reports half the batch's loss (the update itself is right). */
    static Backend trainStepReportingHalfTheLoss() {
        return wrapped("broken-reported-loss", network -> new ForwardingNetwork(network) {
            @Override
            public double trainStep(Batch batch, double learningRate) {
                return delegate.trainStep(batch, learningRate) / 2;
            }
        });
    }

    /**
     * Backward only: C1's weight gradient with each 5 × 5 kernel rotated by 180°, as when backward correlates where
     * it should convolve. Forward and the training step are right.
     */
    static Backend c1WeightGradientRotated() {
        return wrapped("broken-c1-gradient", network -> new ForwardingNetwork(network) {
            @Override
            public LossAndGradients lossAndGradients(Batch batch) {
                LossAndGradients right = delegate.lossAndGradients(batch);
                Tensor g = right.gradients().get("c1.weight");
                int block = g.shape()[2] * g.shape()[3];
                float[] rotated = g.data().clone();
                for (int start = 0; start < rotated.length; start += block) {
                    for (int i = 0; i < block; i++) {
                        rotated[start + i] = g.data()[start + block - 1 - i];
                    }
                }
                return new LossAndGradients(right.loss(),
                        replace(right.gradients(), "c1.weight", new Tensor(g.shape(), rotated)));
            }
        });
    }

    /** SDLM's curvature of C1's weights counted twice, as when a pass adds a layer's h_kk once per worker too many. */
    static Backend c1CurvatureCountedTwice() {
        return wrapped("broken-c1-curvature", network -> new ForwardingNetwork(network) {
            @Override
            public NamedTensors curvature(Batch batch) {
                NamedTensors right = delegate.curvature(batch);
                Tensor h = right.get("c1.weight");
                float[] doubled = h.data().clone();
                for (int i = 0; i < doubled.length; i++) {
                    doubled[i] *= 2;
                }
                return replace(right, "c1.weight", new Tensor(h.shape(), doubled));
            }
        });
    }

    /** Scores 2·10⁻⁵ too large: an error just above the forward tolerance (10⁻⁵), as a sloppy tanh would give. */
    static Backend scoresJustAboveTolerance() {
        return wrapped("broken-scores-2e-5", network -> new ForwardingNetwork(network) {
            @Override
            public void forward(Batch batch, float[] scores) {
                delegate.forward(batch, scores);
                for (int i = 0; i < batch.size() * model().classes(); i++) {
                    scores[i] *= 1 + 2e-5f;
                }
            }
        });
    }

    /**
     * Max-pooling whose backward sends a tied window's gradient to its <em>last</em> largest element, where the
     * contract says the first: the layer kernels of the max-pooling layers are wrapped.
     */
    static Backend maxPoolingTiesToTheLast() {
        return wrapped("broken-max-pool-ties", network -> new ForwardingNetwork(network) {
            @Override
            public LayerKernel layer(String layerName, int batchSize) {
                LayerKernel kernel = delegate.layer(layerName, batchSize);
                boolean max = model().layers().stream().anyMatch(l -> l.name().equals(layerName)
                        && l instanceof Subsampling s && s.kind() == Subsampling.Kind.MAX);
                return max ? new TiesToTheLast(kernel, (Subsampling) model().layers().stream()
                        .filter(l -> l.name().equals(layerName)).findFirst().orElseThrow()) : kernel;
            }
        });
    }

    /** A max-pooling kernel whose input gradient routes each window's gradient to its last largest input. */
    private static final class TiesToTheLast extends ForwardingLayerKernel {
        private final int window;
        private float[] x;
        private float[] dy;

        TiesToTheLast(LayerKernel delegate, Subsampling spec) {
            super(delegate);
            this.window = spec.window();
        }

        @Override
        public void setInput(float[] x) {
            this.x = x.clone();
            delegate.setInput(x);
        }

        @Override
        public void setOutputGradient(float[] dy) {
            this.dy = dy.clone();
            delegate.setOutputGradient(dy);
        }

        @Override
        public void inputGradient(float[] dx) {
            java.util.Arrays.fill(dx, 0);
            int h = inputShape().height(), w = inputShape().width();
            int oh = h / window, ow = w / window;
            for (int plane = 0; plane < batchSize() * inputShape().channels(); plane++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int last = -1;
                        for (int a = 0; a < window; a++) {
                            for (int b = 0; b < window; b++) {
                                int at = plane * h * w + (i * window + a) * w + j * window + b;
                                if (last < 0 || x[at] >= x[last]) {
                                    last = at;
                                }
                            }
                        }
                        dx[last] += dy[plane * oh * ow + i * ow + j];
                    }
                }
            }
        }
    }

    /** A layer kernel that does what another does; a subclass changes one thing. */
    private static class ForwardingLayerKernel implements LayerKernel {
        final LayerKernel delegate;

        ForwardingLayerKernel(LayerKernel delegate) {
            this.delegate = delegate;
        }

        @Override
        public String layerName() {
            return delegate.layerName();
        }

        @Override
        public int batchSize() {
            return delegate.batchSize();
        }

        @Override
        public Shape inputShape() {
            return delegate.inputShape();
        }

        @Override
        public Shape outputShape() {
            return delegate.outputShape();
        }

        @Override
        public void setInput(float[] x) {
            delegate.setInput(x);
        }

        @Override
        public void setOutputGradient(float[] dy) {
            delegate.setOutputGradient(dy);
        }

        @Override
        public void forward() {
            delegate.forward();
        }

        @Override
        public void backward() {
            delegate.backward();
        }

        @Override
        public void output(float[] y) {
            delegate.output(y);
        }

        @Override
        public void inputGradient(float[] dx) {
            delegate.inputGradient(dx);
        }

        @Override
        public NamedTensors parameterGradients() {
            return delegate.parameterGradients();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static NamedTensors replace(NamedTensors params, String name, Tensor tensor) {
        Map<String, Tensor> map = new LinkedHashMap<>(params.asMap());
        map.put(name, tensor);
        return new NamedTensors(map);
    }

    private static Backend wrapped(String id, UnaryOperator<Network> wrap) {
        return new ForwardingBackend(new ReferenceBackend(), id, wrap);
    }

    private static Backend broken(String id, UnaryOperator<NamedTensors> corrupt) {
        return new ForwardingBackend(new ReferenceBackend(), id, network -> new ForwardingNetwork(network) {
            @Override
            public void loadParameters(NamedTensors parameters) {
                delegate.loadParameters(corrupt.apply(parameters));
            }
        });
    }
}
