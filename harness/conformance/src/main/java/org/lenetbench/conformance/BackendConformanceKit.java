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
 * seeded parameters and batches) and reports each check as its own test. An unavailable backend, an
 * unsupported model or optimizer is reported as skipped with the backend's reason, never as passed.
 * Tolerances: {@link Tolerances#FLOAT32} unless {@link #tolerances()} is overridden (say why if you do).
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
            return Stream.of(DynamicTest.dynamicTest(backend.id() + " unavailable",
                    () -> Assumptions.abort("backend " + backend.id() + " is unavailable here: " + u.reason())));
        }
        CrossCheck crossCheck = new CrossCheck(backend, device(backend), threads(), tolerances(), seed());
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
