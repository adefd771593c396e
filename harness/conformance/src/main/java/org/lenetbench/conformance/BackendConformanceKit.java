package org.lenetbench.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Device;
import org.lenetbench.check.CheckResult;
import org.lenetbench.check.CrossCheck;
import org.lenetbench.check.Tolerances;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;

/**
 * The conformance test-kit. A backend module adds {@code lenet-conformance} as a test dependency and writes:
 *
 * <pre>{@code
 * class VectorConformanceTest extends BackendConformanceKit {
 *     @Override protected Backend backend() { return new VectorBackend(); }
 * }
 * }</pre>
 *
 * For every model, it runs {@link CrossCheck} (the backend against the double-precision reference, from
 * seeded parameters and batches) and reports each check as its own test. An unsupported model or optimizer, or a
 * check that does not apply, is reported as skipped with the reason, never as passed. A backend that is
 * unavailable fails the kit, unless {@link #availabilityExpected()} says it may be unavailable here (a GPU backend
 * without a driver): then it is skipped with its reason. Tolerances: {@link Tolerances#FLOAT32} unless
 * {@link #tolerances()} is overridden (say why if you do).
 */
public abstract class BackendConformanceKit {

    /** The backend under test. */
    protected abstract Backend backend();

    /** The device to test on: by default the backend's first device. */
    protected Device device(Backend backend) {
        List<Device> devices = backend.devices();
        return devices.isEmpty() ? Device.CPU : devices.getFirst();
    }

    /** Threads for the networks under test; 2 exercises the parallel paths on this project's machines. */
    protected int threads() {
        return 2;
    }

    /**
     * Images per batch. Override to reach code a small batch does not (a backend that takes its samples a group at
     * a time); then each layer alone gets as many. The default: {@link CrossCheck#BATCH} for the network,
     * {@link CrossCheck#LAYER_BATCH} for each layer.
     */
    protected int batch() {
        return CrossCheck.BATCH;
    }

    /**
     * Whether this backend must be available here: true unless overridden. A backend whose natives ship in the
     * build for this platform (Linux x86-64) says so, so that natives that fail to load fail the build with the
     * reason instead of skipping a hundred checks; one that legitimately cannot run here (no GPU driver) returns
     * false where that is the case.
     */
    protected boolean availabilityExpected() {
        return true;
    }

    /** Whether this JVM runs on Linux x86-64: the platform whose natives this project's builds ship. */
    protected static boolean onLinuxX86_64() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").startsWith("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    protected Tolerances tolerances() {
        return Tolerances.FLOAT32;
    }

    protected long seed() {
        return 20260101L;
    }

    protected List<ModelSpec> models() {
        return Models.all();
    }

    @TestFactory
    Stream<DynamicNode> conformance() {
        Backend backend = backend();
        if (backend.availability() instanceof Availability.Unavailable u) {
            String why = "backend " + backend.id() + " is unavailable here: " + u.reason();
            boolean expected = availabilityExpected();
            return Stream.of(DynamicTest.dynamicTest(backend.id() + " available", () -> {
                if (expected) {
                    Assertions.fail(why + " (it is expected to run on this platform: "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
                }
                Assumptions.abort(why);
            }));
        }
        CrossCheck defaults = new CrossCheck(backend, device(backend), threads(), tolerances(), seed());
        CrossCheck crossCheck = batch() == CrossCheck.BATCH ? defaults : defaults.withBatch(batch());
        return models().stream().map(model -> DynamicContainer.dynamicContainer(model.name(),
                // lazily: the checks of a model run when JUnit reaches its container
                Stream.of(model).flatMap(m -> crossCheck.run(m).stream()).map(BackendConformanceKit::asTest)));
    }

    private static DynamicTest asTest(CheckResult r) {
        return DynamicTest.dynamicTest(r.check(), () -> {
            switch (r.status()) {
                case SKIPPED -> Assumptions.abort(r.detail());
                case FAIL -> Assertions.fail(r.toString());
                case PASS -> {
                    // measured within tolerance; nothing more to assert
                }
            }
        });
    }
}
