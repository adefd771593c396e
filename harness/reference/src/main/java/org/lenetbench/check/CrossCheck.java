package org.lenetbench.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.lenetbench.backend.AbstractNetwork;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.backend.Network;
import org.lenetbench.backend.Support;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;
import org.lenetbench.reference.ReferenceNetwork;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * Compares a backend with the double-precision reference on one model, from parameters and digit-like batches
 * drawn from a seed ({@link RandomBatches}: ties and exact zeros included): scores, loss, gradients, the loss
 * {@code trainStep} returns, the parameters after {@value #STEPS} steps of SGD with momentum, of Adam with
 * non-default betas and of SDLM (each on a new batch of a changing size, at a changing learning rate, with the
 * optimizer's state kept), SDLM's curvature, every layer's forward and backward on its own, C3's missing
 * connections, the parameter round trip, refusal of parameters of the wrong shape, and close(). Each comparison becomes a {@link CheckResult};
 * an exception inside a check is a failure of that check, not of the run. A check that does not apply (no missing
 * connections; SDLM unsupported; a contract rule that {@link AbstractNetwork} enforces for every backend) is skipped
 * with the reason, never passed. Used by the JUnit conformance kit and by {@code lenet crosscheck}.
 */
public final class CrossCheck {
    public static final int BATCH = 8;
    public static final int LAYER_BATCH = 3;
    /**
     * Optimizer steps per check, each on a batch of its own: enough that the optimizer's state matters. After one
     * step Adam's bias-corrected moments are g and g² whatever its betas and whatever it does with its state.
     */
    public static final int STEPS = 5;
    /** The learning rate of step s is the optimizer's rate times RATE_FACTORS[s]: a schedule changes it. */
    private static final double[] RATE_FACTORS = {1.0, 0.6, 1.4, 0.8, 1.2};
    private static final double SGD_RATE = 0.05;
    private static final double ADAM_RATE = 1e-3;
    private static final double SDLM_RATE = 5e-4;
    private static final OptimizerSpec.Sgd SGD = new OptimizerSpec.Sgd(0.8);
    /** Not PyTorch's defaults (0.9, 0.999, 1e-8), so that a backend that ignores what it is given shows. */
    private static final OptimizerSpec.Adam ADAM = new OptimizerSpec.Adam(0.7, 0.95, 1e-7);
    /**
     * Adam's steps are compared where the reference's gradient, as a root mean square over the steps, is at least
     * this fraction of its tensor's largest: below it m̂/√v̂ is a ratio of float noise.
     */
    private static final double ADAM_SIGNIFICANT_GRADIENT = 0.1;

    private static final String ENFORCED_BY_ABSTRACT_NETWORK = "the network extends AbstractNetwork, whose final "
            + "loadParameters refuses it for every backend (tested once, in the harness: AbstractNetworkTest)";

    private final Backend backend;
    private final Device device;
    private final int threads;
    private final Tolerances tolerances;
    private final long seed;
    private final int batch;
    private final int layerBatch;

    /** With batches of {@value #BATCH} images for the network and {@value #LAYER_BATCH} for each layer alone. */
    public CrossCheck(Backend backend, Device device, int threads, Tolerances tolerances, long seed) {
        this(backend, device, threads, tolerances, seed, BATCH, LAYER_BATCH);
    }

    private CrossCheck(Backend backend, Device device, int threads, Tolerances tolerances, long seed, int batch,
            int layerBatch) {
        this.backend = backend;
        this.device = device;
        this.threads = threads;
        this.tolerances = tolerances;
        this.seed = seed;
        this.batch = batch;
        this.layerBatch = layerBatch;
    }

    /**
     * The same checks with batches of {@code images}, for the network and for each layer: a large batch reaches
     * code a small one does not (a GPU backend's loops over chunks of images, its grids of many blocks; a CPU
     * backend's groups of samples in vector lanes).
     */
    public CrossCheck withBatch(int images) {
        if (images < 1) {
            throw new IllegalArgumentException("a cross-check batch needs at least 1 image, not " + images);
        }
        return new CrossCheck(backend, device, threads, tolerances, seed, images, images);
    }

    /**
     * The images of optimizer step {@code s} in the update checks: the batch, fewer (an odd count where the batch is
     * even), the batch again, half of it and one less — a network's steps must not depend on the previous step's size,
     * as a schedule whose batch changes by epoch needs. Never more than the batch: with steps of 16 and 12 images
     * where the batch is 8, lenet5-1998's SGD steps (at the check's rates, near the edge of stability) carried float
     * rounding past the tolerance on two backends (tfjava's updates 6e-3 from the reference's against 1e-3; vector's
     * losses at 256 bits 1.6e-5 against 1e-5) — rounding that grows with every step, not an error of either.
     */
    private int stepBatchSize(int s) {
        return switch (s) {
            case 1 -> Math.max(1, batch - 3);
            case 3 -> Math.max(1, batch / 2);
            case 4 -> Math.max(1, batch - 1);
            default -> batch;
        };
    }

    /** The names of the checks {@link #run} produces for {@code model}, in order. */
    public static List<String> checkNames(ModelSpec model) {
        List<String> names = new ArrayList<>(List.of("parameters round trip", "wrong shape refused", "forward",
                "loss", "gradients", "trainStep loss", "sgd momentum steps", "adam steps", "sdlm curvature",
                "sdlm steps"));
        for (String layer : model.layerNames()) {
            names.add("layer " + layer);
        }
        names.add("missing connections stay zero");
        names.add("close");
        return names;
    }

    public List<CheckResult> run(ModelSpec model) {
        List<CheckResult> results = new ArrayList<>();
        String id = backend.id();
        Availability availability = backend.availability();
        if (availability instanceof Availability.Unavailable u) {
            for (String check : checkNames(model)) {
                results.add(CheckResult.skipped(id, model.name(), check, "backend unavailable: " + u.reason()));
            }
            return results;
        }
        Support support = backend.supports(model);
        if (!support.supported()) {
            for (String check : checkNames(model)) {
                results.add(CheckResult.skipped(id, model.name(), check, "model unsupported: " + support.reason()));
            }
            return results;
        }
        NamedTensors initial = Initializer.initialize(model, model.defaultInit(), seed);
        Batch batch = RandomBatches.of(model, this.batch, seed + 1);
        Batch[] stepBatches = new Batch[STEPS];
        Batch[] resizedStepBatches = new Batch[STEPS];
        for (int s = 0; s < STEPS; s++) {
            stepBatches[s] = RandomBatches.of(model, this.batch, seed + 10 + s);
            resizedStepBatches[s] = stepBatchSize(s) == this.batch ? stepBatches[s]
                    : RandomBatches.of(model, stepBatchSize(s), seed + 10 + s);
        }
        try (ReferenceNetwork reference = new ReferenceNetwork(model);
                Network candidate = backend.open(model, device, threads)) {
            reference.loadParameters(initial);
            Context c = new Context(model, reference, candidate, initial, batch, stepBatches, resizedStepBatches,
                    results);
            c.check("parameters round trip", c::roundTrip);
            if (candidate instanceof AbstractNetwork) {
                results.add(CheckResult.skipped(id, model.name(), "wrong shape refused", ENFORCED_BY_ABSTRACT_NETWORK));
            } else {
                c.check("wrong shape refused", c::wrongShape);
            }
            c.check("forward", c::forward);
            c.check("loss", () -> c.loss());
            c.check("gradients", c::gradients);
            c.check("trainStep loss", c::trainStepLoss);
            c.check("sgd momentum steps", () -> c.steps(SGD, SGD_RATE, "sgd momentum steps"));
            c.check("adam steps", () -> c.steps(ADAM, ADAM_RATE, "adam steps"));
            Support sdlm = backend.supports(OptimizerSpec.Sdlm.PAPER);
            if (sdlm.supported()) {
                c.check("sdlm curvature", c::curvature);
                c.check("sdlm steps", () -> c.steps(OptimizerSpec.Sdlm.PAPER, SDLM_RATE, "sdlm steps"));
            } else {
                results.add(CheckResult.skipped(id, model.name(), "sdlm curvature", "SDLM unsupported: " + sdlm.reason()));
                results.add(CheckResult.skipped(id, model.name(), "sdlm steps", "SDLM unsupported: " + sdlm.reason()));
            }
            for (String layer : model.layerNames()) {
                c.check("layer " + layer, () -> c.layer(layer));
            }
            if (hasMissingConnections(model)) {
                c.check("missing connections stay zero", c::maskedStayZero);
            } else {
                results.add(CheckResult.skipped(id, model.name(), "missing connections stay zero",
                        "the model has no missing connections"));
            }
        } catch (RuntimeException e) {
            results.add(CheckResult.failed(id, model.name(), "open", describe(e)));
        }
        results.add(checkClose(model, initial, batch));
        return results;
    }

    private static boolean hasMissingConnections(ModelSpec model) {
        return model.parameters().stream()
                .anyMatch(p -> java.util.stream.IntStream.range(0, p.size()).anyMatch(i -> !p.mask().present(i)));
    }


    /**
     * Only the checks of each layer alone ("layer NAME"), with the network's layers as {@code backend} opens them: for
     * a backend with more than one way to run a layer (the one training uses, the one a benchmark times).
     */
    public List<CheckResult> runLayers(ModelSpec model) {
        List<CheckResult> results = new ArrayList<>();
        if (backend.availability() instanceof Availability.Unavailable u) {
            model.layerNames().forEach(layer -> results.add(CheckResult.skipped(backend.id(), model.name(),
                    "layer " + layer, "backend unavailable: " + u.reason())));
            return results;
        }
        NamedTensors initial = Initializer.initialize(model, model.defaultInit(), seed);
        try (ReferenceNetwork reference = new ReferenceNetwork(model);
                Network candidate = backend.open(model, device, threads)) {
            reference.loadParameters(initial);
            Context c = new Context(model, reference, candidate, initial, null, new Batch[0], new Batch[0], results);
            for (String layer : model.layerNames()) {
                c.check("layer " + layer, () -> c.layer(layer));
            }
        }
        return results;
    }

    private CheckResult checkClose(ModelSpec model, NamedTensors initial, Batch batch) {
        String check = "close";
        try {
            Network net = backend.open(model, device, threads);
            net.loadParameters(initial);
            net.close();
            net.close(); // idempotent
            // whether the backend's own methods check the state: AbstractNetwork cannot do that for them
            Map<String, Runnable> uses = new java.util.LinkedHashMap<>();
            uses.put("forward", () -> net.forward(batch, new float[batch.size() * model.classes()]));
            uses.put("lossAndGradients", () -> net.lossAndGradients(batch));
            uses.put("trainStep", () -> net.trainStep(batch, 0.01));
            uses.put("parameters", net::parameters);
            for (Map.Entry<String, Runnable> use : uses.entrySet()) {
                try {
                    use.getValue().run();
                    return CheckResult.failed(backend.id(), model.name(), check,
                            use.getKey() + " after close() did not throw IllegalStateException");
                } catch (IllegalStateException expected) {
                    // refused, as the contract says
                }
            }
            return CheckResult.passed(backend.id(), model.name(), check,
                    "idempotent; forward, lossAndGradients, trainStep and parameters refused after it");
        } catch (RuntimeException e) {
            return CheckResult.failed(backend.id(), model.name(), check, describe(e));
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The state shared by the checks of one model. */
    private final class Context {
        final ModelSpec model;
        final ReferenceNetwork reference;
        final Network candidate;
        final NamedTensors initial;
        final Batch batch;
        /** One batch per step of the trainStep loss check, all of the cross-check's size. */
        final Batch[] stepBatches;
        /** One batch per optimizer step of the update checks, of {@link #stepBatchSize} images. */
        final Batch[] resizedStepBatches;
        final List<CheckResult> results;

        Context(ModelSpec model, ReferenceNetwork reference, Network candidate, NamedTensors initial, Batch batch,
                Batch[] stepBatches, Batch[] resizedStepBatches, List<CheckResult> results) {
            this.model = model;
            this.reference = reference;
            this.candidate = candidate;
            this.initial = initial;
            this.batch = batch;
            this.stepBatches = stepBatches;
            this.resizedStepBatches = resizedStepBatches;
            this.results = results;
        }

        void check(String name, Supplier<CheckResult> body) {
            try {
                candidate.loadParameters(initial);
                reference.loadParameters(initial);
                results.add(body.get());
            } catch (RuntimeException | AssertionError e) {
                results.add(CheckResult.failed(backend.id(), model.name(), name, describe(e)));
            }
        }

        CheckResult measured(String check, double error, double tolerance, String detail) {
            return CheckResult.measured(backend.id(), model.name(), check, error, tolerance, detail);
        }

        CheckResult roundTrip() {
            NamedTensors back = candidate.parameters();
            back.requireLayout(model, model.parameters(), backend.id() + " parameters()");
            for (ParameterSpec p : model.parameters()) {
                if (!java.util.Arrays.equals(back.get(p.name()).data(), initial.get(p.name()).data())) {
                    return CheckResult.failed(backend.id(), model.name(), "parameters round trip",
                            p.name() + " changed between loadParameters and parameters()");
                }
            }
            return CheckResult.passed(backend.id(), model.name(), "parameters round trip", "bit-identical");
        }

        CheckResult wrongShape() {
            Map<String, Tensor> bad = new java.util.LinkedHashMap<>(initial.asMap());
            ParameterSpec first = model.parameters().getFirst();
            bad.put(first.name(), Tensor.zeros(first.size() + 1));
            try {
                candidate.loadParameters(new NamedTensors(bad));
                return CheckResult.failed(backend.id(), model.name(), "wrong shape refused",
                        "loadParameters accepted " + first.name() + " with shape [" + (first.size() + 1) + "]");
            } catch (IllegalArgumentException e) {
                boolean named = e.getMessage() != null && e.getMessage().contains(first.name());
                return named ? CheckResult.passed(backend.id(), model.name(), "wrong shape refused", e.getMessage())
                        : CheckResult.failed(backend.id(), model.name(), "wrong shape refused",
                                "the error does not name the tensor: " + e.getMessage());
            }
        }

        CheckResult forward() {
            float[] expected = new float[batch.size() * model.classes()];
            float[] actual = new float[expected.length];
            reference.forward(batch, expected);
            candidate.forward(batch, actual);
            TensorDiff d = TensorDiff.of(actual, expected);
            return measured("forward", d.error(), tolerances.forward(), d.describe("scores"));
        }

        CheckResult loss() {
            double expected = reference.lossAndGradients(batch).loss();
            double actual = candidate.lossAndGradients(batch).loss();
            double error = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-3);
            return measured("loss", error, tolerances.loss(), String.format("%.7g, reference %.7g", actual, expected));
        }

        CheckResult gradients() {
            LossAndGradients expected = reference.lossAndGradients(batch);
            LossAndGradients actual = candidate.lossAndGradients(batch);
            return compareTensors("gradients", actual.gradients(), expected.gradients(), model.trainableParameters(),
                    tolerances.gradient());
        }

        CheckResult curvature() {
            return compareTensors("sdlm curvature", candidate.curvature(batch), reference.curvature(batch),
                    model.trainableParameters(), tolerances.gradient());
        }

        /**
         * The loss {@code trainStep} returns (the batch's mean loss before the update: the number a trainer records and
         * stops on) at each of {@value #STEPS} SGD steps, against the reference's.
         */
        CheckResult trainStepLoss() {
            double worst = 0;
            String detail = "";
            reference.setOptimizer(SGD);
            candidate.setOptimizer(SGD);
            for (int s = 0; s < STEPS; s++) {
                double rate = SGD_RATE * RATE_FACTORS[s];
                double expected = reference.trainStep(stepBatches[s], rate);
                double actual = candidate.trainStep(stepBatches[s], rate);
                double error = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-3);
                if (!(error <= worst)) {
                    worst = error;
                    detail = String.format("step %d: %.7g, reference %.7g", s + 1, actual, expected);
                }
            }
            return measured("trainStep loss", worst, tolerances.loss(), detail);
        }

        /**
         * {@value #STEPS} steps of {@code optimizer}, each on its own batch of a changing size at a changing rate, the
         * optimizer's state kept between them; compares the change of every trainable parameter. SDLM: both sides
         * take the reference's curvature at the start, the update rule is what is checked here.
         */
        CheckResult steps(OptimizerSpec optimizer, double rate, String check) {
            NamedTensors curvature = optimizer instanceof OptimizerSpec.Sdlm ? reference.curvature(batch) : null;
            Map<String, double[]> squaredGradients = new java.util.HashMap<>();
            for (Network net : List.of(reference, candidate)) {
                net.setOptimizer(optimizer);
                if (curvature != null) {
                    net.setCurvature(curvature);
                }
                for (int s = 0; s < STEPS; s++) {
                    if (net == reference && optimizer instanceof OptimizerSpec.Adam) {
                        addSquares(squaredGradients, reference.lossAndGradients(resizedStepBatches[s]).gradients());
                    }
                    net.trainStep(resizedStepBatches[s], rate * RATE_FACTORS[s]);
                }
            }
            NamedTensors after = candidate.parameters();
            NamedTensors expected = reference.parameters();
            double worst = 0;
            String detail = "";
            for (ParameterSpec p : model.trainableParameters()) {
                float[] start = initial.get(p.name()).data();
                float[] da = delta(after.get(p.name()).data(), start);
                float[] dr = delta(expected.get(p.name()).data(), start);
                boolean[] include = optimizer instanceof OptimizerSpec.Adam
                        ? significant(squaredGradients.get(p.name())) : null;
                TensorDiff d = TensorDiff.of(da, dr, include, storageResolution(after.get(p.name()).data(), start));
                if (!(d.error() <= worst)) {
                    worst = d.error();
                    detail = d.describe("Δ" + p.name());
                }
            }
            return measured(check, worst, tolerances.update(), detail);
        }

        CheckResult layer(String layer) {
            int n = layerBatch;
            String check = "layer " + layer;
            try (LayerKernel expected = reference.layer(layer, n); LayerKernel actual = candidate.layer(layer, n)) {
                int in = expected.inputShape().size() * n;
                int out = expected.outputShape().size() * n;
                if (!actual.inputShape().equals(expected.inputShape())
                        || !actual.outputShape().equals(expected.outputShape())) {
                    return CheckResult.failed(backend.id(), model.name(), check, "shapes " + actual.inputShape() + " -> "
                            + actual.outputShape() + ", expected " + expected.inputShape() + " -> " + expected.outputShape());
                }
                float[] x = RandomBatches.withTies(in, seed + 2);
                float[] dy = RandomBatches.uniform(out, 1.0, seed + 3);
                float[][] results = new float[4][];
                LayerKernel[] kernels = {expected, actual};
                for (int k = 0; k < 2; k++) {
                    kernels[k].setInput(x);
                    kernels[k].forward();
                    kernels[k].setOutputGradient(dy);
                    kernels[k].backward();
                    results[2 * k] = new float[out];
                    kernels[k].output(results[2 * k]);
                    results[2 * k + 1] = new float[in];
                    kernels[k].inputGradient(results[2 * k + 1]);
                }
                TensorDiff y = TensorDiff.of(results[2], results[0]);
                TensorDiff dx = TensorDiff.of(results[3], results[1]);
                if (!(y.error() <= tolerances.forward())) {
                    return measured(check, y.error(), tolerances.forward(), "forward: " + y.describe("y"));
                }
                if (!(dx.error() <= tolerances.gradient())) {
                    return measured(check, dx.error(), tolerances.gradient(), "backward: " + dx.describe("dx"));
                }
                List<ParameterSpec> params = model.parametersOf(layer).stream().filter(ParameterSpec::trainable).toList();
                if (!params.isEmpty()) {
                    CheckResult g = compareTensors(check, actual.parameterGradients(), expected.parameterGradients(),
                            params, tolerances.gradient());
                    if (g.failed()) {
                        return g;
                    }
                }
                return measured(check, Math.max(y.error(), dx.error()), tolerances.gradient(),
                        String.format("forward %.1e, input gradient %.1e", y.error(), dx.error()));
            }
        }

        CheckResult maskedStayZero() {
            candidate.setOptimizer(OptimizerSpec.Adam.DEFAULT);
            candidate.trainStep(batch, 0.01);
            candidate.setOptimizer(new OptimizerSpec.Sgd(0.9));
            candidate.trainStep(batch, 0.1);
            candidate.trainStep(batch, 0.1);
            NamedTensors after = candidate.parameters();
            int masked = 0;
            for (ParameterSpec p : model.parameters()) {
                float[] data = after.get(p.name()).data();
                for (int i = 0; i < data.length; i++) {
                    if (!p.mask().present(i)) {
                        masked++;
                        if (data[i] != 0f) {
                            return CheckResult.failed(backend.id(), model.name(), "missing connections stay zero",
                                    p.name() + "[" + i + "] = " + data[i] + " after Adam and SGD steps");
                        }
                    }
                }
            }
            return CheckResult.passed(backend.id(), model.name(), "missing connections stay zero",
                    masked + " weights still zero after 3 steps");
        }

        private CheckResult compareTensors(String check, NamedTensors actual, NamedTensors expected,
                List<ParameterSpec> specs, double tolerance) {
            actual.requireLayout(model, specs, backend.id() + " " + check);
            double worst = 0;
            String detail = "";
            for (ParameterSpec p : specs) {
                TensorDiff d = TensorDiff.of(actual.get(p.name()).data(), expected.get(p.name()).data());
                if (!(d.error() <= worst)) {
                    worst = d.error();
                    detail = d.describe(p.name());
                }
            }
            return measured(check, worst, tolerance, detail);
        }
    }

    private static float[] delta(float[] after, float[] before) {
        float[] d = new float[after.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    /**
     * One float32 ulp of each parameter per step: a float32 backend stores the parameter after every step, so each
     * step's change is only kept to that resolution.
     */
    private static float[] storageResolution(float[] after, float[] before) {
        float[] ulp = new float[after.length];
        for (int i = 0; i < ulp.length; i++) {
            ulp[i] = STEPS * Math.ulp(Math.max(Math.abs(after[i]), Math.abs(before[i])));
        }
        return ulp;
    }

    private static void addSquares(Map<String, double[]> sums, NamedTensors gradients) {
        gradients.asMap().forEach((name, g) -> {
            double[] sum = sums.computeIfAbsent(name, k -> new double[g.size()]);
            float[] data = g.data();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += (double) data[i] * data[i];
            }
        });
    }

    /** The elements whose summed squared gradient is at least {@link #ADAM_SIGNIFICANT_GRADIENT}² of the largest. */
    private static boolean[] significant(double[] squaredGradients) {
        double max = 0;
        for (double g2 : squaredGradients) {
            max = Math.max(max, g2);
        }
        double threshold = ADAM_SIGNIFICANT_GRADIENT * ADAM_SIGNIFICANT_GRADIENT * max;
        boolean[] include = new boolean[squaredGradients.length];
        for (int i = 0; i < include.length; i++) {
            include[i] = squaredGradients[i] >= threshold && squaredGradients[i] > 0;
        }
        return include;
    }
}
