package org.lenetbench.djl;

import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;

/**
 * The contract's layers as DJL blocks, PyTorch layouts throughout (NCHW activations, OIHW convolution weights,
 * {@code (out, in)} linear weights: the contract's own, so parameters are copied without reordering). DJL's
 * own blocks where they fit (Conv2d, Linear, pooling, ReLU); custom blocks for what DJL lacks (trainable
 * subsampling, the masked C3, the RBF output). Each block's parameters are recorded under their canonical
 * names ({@code c1.weight}, …).
 */
final class DjlLayers {
    private DjlLayers() {
    }

    /** One layer; its parameters go into {@code parameters} under their canonical names. */
    static Block block(Layer layer, Shape in, Map<String, Parameter> parameters) {
        String n = layer.name();
        return switch (layer) {
            case Convolution c when c.table().isPresent() -> {
                PartialConvolution block = new PartialConvolution(c, in.channels());
                parameters.put(n + ".weight", block.weight);
                parameters.put(n + ".bias", block.bias);
                yield block;
            }
            case Convolution c -> {
                Conv2d block = Conv2d.builder().setKernelShape(new ai.djl.ndarray.types.Shape(c.kernel(), c.kernel()))
                        .setFilters(c.maps()).optPadding(new ai.djl.ndarray.types.Shape(c.padding(), c.padding())).build();
                parameters.put(n + ".weight", block.getParameters().get("weight"));
                parameters.put(n + ".bias", block.getParameters().get("bias"));
                yield block;
            }
            case Subsampling s -> {
                ai.djl.ndarray.types.Shape w = new ai.djl.ndarray.types.Shape(s.window(), s.window());
                yield switch (s.kind()) {
                    case AVERAGE -> Pool.avgPool2dBlock(w, w);
                    case MAX -> Pool.maxPool2dBlock(w, w);
                    case TRAINABLE -> {
                        TrainableSubsampling block = new TrainableSubsampling(in.channels(), s.window());
                        parameters.put(n + ".coef", block.coef);
                        parameters.put(n + ".bias", block.bias);
                        yield block;
                    }
                };
            }
            case Activation a -> switch (a.function()) {
                case SCALED_TANH -> LambdaBlock.singleton(x -> x.mul(Scalars.of(x, (float) Activation.SCALED_TANH_S)).tanh()
                        .mul(Scalars.of(x, (float) Activation.SCALED_TANH_A)), n);
                case TANH -> LambdaBlock.singleton(x -> x.tanh(), n);
                case RELU -> ai.djl.nn.Activation.reluBlock();
            };
            case FullyConnected f -> linear(n, f.outputs(), parameters);
            case Output o when o.kind() == Output.Kind.LINEAR -> linear(n, o.classes(), parameters);
            case Output o -> {
                RbfOutput block = new RbfOutput(o.classes(), in.size());
                parameters.put(n + ".centres", block.centres);
                yield block;
            }
        };
    }

    /** Flattens in (C, H, W) order, as the contract's weights expect, then {@code y = x·Wᵀ + b}. */
    private static Block linear(String n, int outputs, Map<String, Parameter> parameters) {
        Linear linear = Linear.builder().setUnits(outputs).build();
        parameters.put(n + ".weight", linear.getParameters().get("weight"));
        parameters.put(n + ".bias", linear.getParameters().get("bias"));
        return new SequentialBlock().add(Blocks.batchFlattenBlock()).add(linear);
    }

    /** The whole model as one SequentialBlock, initialized for NCHW input (values are loaded later). */
    static SequentialBlock model(ModelSpec model, NDManager manager, Map<String, Parameter> parameters) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < model.layers().size(); i++) {
            net.add(block(model.layers().get(i), model.inputShapeOf(i), parameters));
        }
        initialize(net, manager, model.input().shape(), 1);
        return net;
    }

    /** Allocates a block's parameters for a batch of {@code in}; zeros until values are loaded. */
    static void initialize(Block block, NDManager manager, Shape in, int batch) {
        block.setInitializer(Initializer.ZEROS, p -> true);
        block.initialize(manager, DataType.FLOAT32, nchw(in, batch));
    }

    static ai.djl.ndarray.types.Shape nchw(Shape s, long batch) {
        return new ai.djl.ndarray.types.Shape(batch, s.channels(), s.height(), s.width());
    }
}
