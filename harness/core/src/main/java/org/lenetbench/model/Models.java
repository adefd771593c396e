package org.lenetbench.model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The four named models of the contract. */
public final class Models {
    public static final String LENET5_1998 = "lenet5-1998";
    public static final String LENET5 = "lenet5";
    public static final String LENET5_MODERN = "lenet5-modern";
    public static final String LENET1 = "lenet1";

    /** MNIST is 28×28; LeNet-5 reads 32×32 with the paper's scaling to [-0.1, 1.175]. */
    private static final Input PAPER_32 = new Input(28, 2, -0.1, 1.175);

    private static final Map<String, ModelSpec> ALL = List.of(lenet51998(), lenet5(), lenet5Modern(), lenet1())
            .stream().collect(Collectors.toMap(ModelSpec::name, Function.identity(),
                    (a, b) -> a, java.util.LinkedHashMap::new));

    private Models() {
    }

    public static List<ModelSpec> all() {
        return List.copyOf(ALL.values());
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static ModelSpec byName(String name) {
        ModelSpec spec = ALL.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; the models are " + names());
        }
        return spec;
    }

    /** LeNet-5 as in the paper: scaled tanh everywhere, trainable S2/S4, C3 with Table 1, RBF output, MAP loss. */
    public static ModelSpec lenet51998() {
        return new ModelSpec(LENET5_1998,
                "LeNet-5 as published (1998): RBF output with fixed bitmaps and the MAP loss (j = 0.1)",
                PAPER_32, paperBody(Output.rbf(10)), new Loss.Map(0.1), InitScheme.LECUN98);
    }

    /** The paper's body with 10 linear outputs and softmax cross-entropy, as most reproductions do. */
    public static ModelSpec lenet5() {
        return new ModelSpec(LENET5,
                "LeNet-5 body of the paper with 10 linear outputs and softmax cross-entropy",
                PAPER_32, paperBody(Output.linear(10)), new Loss.SoftmaxCrossEntropy(), InitScheme.LECUN98);
    }

    private static List<Layer> paperBody(Output output) {
        return List.of(
                Convolution.dense("c1", 6, 5, 0), scaledTanh("c1"),
                new Subsampling("s2", Subsampling.Kind.TRAINABLE, 2), scaledTanh("s2"),
                Convolution.partial("c3", 5, ConnectionTable.lenet5Table1()), scaledTanh("c3"),
                new Subsampling("s4", Subsampling.Kind.TRAINABLE, 2), scaledTanh("s4"),
                new FullyConnected("c5", 120), scaledTanh("c5"),
                new FullyConnected("f6", 84), scaledTanh("f6"),
                output);
    }

    /** 28×28 input in [0, 1], 'same' padding in C1, ReLU, max-pooling, fully connected C3, cross-entropy. */
    public static ModelSpec lenet5Modern() {
        return new ModelSpec(LENET5_MODERN,
                "modern LeNet-5: 28x28 'same' C1, ReLU, max-pool, dense C3, softmax cross-entropy",
                new Input(28, 0, 0.0, 1.0),
                List.of(
                        Convolution.dense("c1", 6, 5, 2), relu("c1"),
                        new Subsampling("s2", Subsampling.Kind.MAX, 2),
                        Convolution.dense("c3", 16, 5, 0), relu("c3"),
                        new Subsampling("s4", Subsampling.Kind.MAX, 2),
                        new FullyConnected("c5", 120), relu("c5"),
                        new FullyConnected("f6", 84), relu("f6"),
                        Output.linear(10)),
                new Loss.SoftmaxCrossEntropy(), InitScheme.PYTORCH);
    }

    /** LeNet-1 (LeCun et al. 1989/1990): 4 and 12 maps, average subsampling, 10 outputs from 192. */
    public static ModelSpec lenet1() {
        return new ModelSpec(LENET1,
                "LeNet-1: C1 4@24x24, average S2, C3 12@8x8, average S4, 10 linear outputs from 192",
                new Input(28, 0, -0.1, 1.175),
                List.of(
                        Convolution.dense("c1", 4, 5, 0), scaledTanh("c1"),
                        new Subsampling("s2", Subsampling.Kind.AVERAGE, 2),
                        Convolution.dense("c3", 12, 5, 0), scaledTanh("c3"),
                        new Subsampling("s4", Subsampling.Kind.AVERAGE, 2),
                        Output.linear(10)),
                new Loss.SoftmaxCrossEntropy(), InitScheme.LECUN98);
    }

    private static Activation scaledTanh(String after) {
        return new Activation(after + ".act", Activation.Function.SCALED_TANH);
    }

    private static Activation relu(String after) {
        return new Activation(after + ".act", Activation.Function.RELU);
    }
}
