package org.lenetbench.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.LossAndGradients;
import org.lenetbench.backend.Network;
import org.lenetbench.backend.Support;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;
import org.lenetbench.reference.ReferenceNetwork;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * Compares a backend with the double-precision reference on one model, from parameters and batches drawn
 * from a seed: scores, loss, gradients, parameters after SGD (with momentum), Adam and SDLM steps, SDLM's
 * curvature, every layer's forward and backward on its own, C3's missing connections, the parameter round
 * trip, refusal of parameters of the wrong shape, and close(). Each comparison becomes a
 * {@link CheckResult}; an exception inside a check is a failure of that check, not of the run.
 * Used by the JUnit conformance kit and by {@code lenet crosscheck}.
 */
public final class CrossCheck {
    public static final int BATCH = 8;
    public static final int LAYER_BATCH = 3;
    private static final double SGD_RATE = 0.05;
    private static final double ADAM_RATE = 1e-3;
    private static final double SDLM_RATE = 5e-4;

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
     * code a small one does not (a GPU backend's loops over chunks of images, its grids of many blocks).
     */
    public CrossCheck withBatch(int images) {
        if (images < 1) {
            throw new IllegalArgumentException("a cross-check batch needs at least 1 image, not " + images);
        }
        return new CrossCheck(backend, device, threads, tolerances, seed, images, images);
    }

    /** The names of the checks {@link #run} produces for {@code model}, in order. */
    public static List<String> checkNames(ModelSpec model) {
        List<String> names = new ArrayList<>(List.of("parameters round trip", "wrong shape refused", "forward",
                "loss", "gradients", "sgd momentum step", "adam step", "sdlm curvature", "sdlm step"));
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
        try (ReferenceNetwork reference = new ReferenceNetwork(model);
                Network candidate = backend.open(model, device, threads)) {
            reference.loadParameters(initial);
            Context c = new Context(model, reference, candidate, initial, batch, results);
            c.check("parameters round trip", c::roundTrip);
            c.check("wrong shape refused", c::wrongShape);
            c.check("forward", c::forward);
            c.check("loss", () -> c.loss());
            c.check("gradients", c::gradients);
            c.check("sgd momentum step", () -> c.step(new OptimizerSpec.Sgd(0.9), 2, SGD_RATE, "sgd momentum step"));
            c.check("adam step", () -> c.step(OptimizerSpec.Adam.DEFAULT, 1, ADAM_RATE, "adam step"));
            Support sdlm = backend.supports(OptimizerSpec.Sdlm.PAPER);
            if (sdlm.supported()) {
                c.check("sdlm curvature", c::curvature);
                c.check("sdlm step", () -> c.step(OptimizerSpec.Sdlm.PAPER, 1, SDLM_RATE, "sdlm step"));
            } else {
                results.add(CheckResult.skipped(id, model.name(), "sdlm curvature", "SDLM unsupported: " + sdlm.reason()));
                results.add(CheckResult.skipped(id, model.name(), "sdlm step", "SDLM unsupported: " + sdlm.reason()));
            }
            for (String layer : model.layerNames()) {
                c.check("layer " + layer, () -> c.layer(layer));
            }
            c.check("missing connections stay zero", c::maskedStayZero);
        } catch (RuntimeException e) {
            results.add(CheckResult.failed(id, model.name(), "open", describe(e)));
        }
        results.add(checkClose(model, initial, batch));
        return results;
    }

    private CheckResult checkClose(ModelSpec model, NamedTensors initial, Batch batch) {
        String check = "close";
        try {
            Network net = backend.open(model, device, threads);
            net.loadParameters(initial);
            net.close();
            net.close(); // idempotent
            try {
                net.forward(batch, new float[batch.size() * model.classes()]);
                return CheckResult.failed(backend.id(), model.name(), check,
                        "forward after close() did not throw IllegalStateException");
            } catch (IllegalStateException expected) {
                return CheckResult.passed(backend.id(), model.name(), check, "idempotent; use after close refused");
            }
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
        final List<CheckResult> results;

        Context(ModelSpec model, ReferenceNetwork reference, Network candidate, NamedTensors initial, Batch batch,
                List<CheckResult> results) {
            this.model = model;
            this.reference = reference;
            this.candidate = candidate;
            this.initial = initial;
            this.batch = batch;
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

        /** {@code steps} training steps on the batch; compares the change of every parameter. */
        CheckResult step(OptimizerSpec optimizer, int steps, double rate, String check) {
            NamedTensors referenceGradients = reference.lossAndGradients(batch).gradients();
            // SDLM: both take the reference's curvature at the starting point, estimated once
            NamedTensors curvature = optimizer instanceof OptimizerSpec.Sdlm ? reference.curvature(batch) : null;
            for (Network net : List.of(reference, candidate)) {
                net.setOptimizer(optimizer);
                if (curvature != null) {
                    net.setCurvature(curvature);
                }
                for (int s = 0; s < steps; s++) {
                    net.trainStep(batch, rate);
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
                        ? signIsDetermined(referenceGradients.get(p.name()).data()) : null;
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
                float[] x = RandomBatches.uniform(in, 1.0, seed + 2);
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
                    masked == 0 ? "model has no missing connections" : masked + " weights still zero after 3 steps");
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

    /** One float32 ulp of each parameter: a step is only stored to that resolution. */
    private static float[] storageResolution(float[] after, float[] before) {
        float[] ulp = new float[after.length];
        for (int i = 0; i < ulp.length; i++) {
            ulp[i] = Math.ulp(Math.max(Math.abs(after[i]), Math.abs(before[i])));
        }
        return ulp;
    }

    private static boolean[] signIsDetermined(float[] gradient) {
        double max = 0;
        for (float g : gradient) {
            max = Math.max(max, Math.abs(g));
        }
        boolean[] include = new boolean[gradient.length];
        for (int i = 0; i < gradient.length; i++) {
            include[i] = Math.abs(gradient[i]) > 1e-3 * max;
        }
        return include;
    }
}
