package org.lenetbench.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.ForwardingBackend;
import org.lenetbench.backend.Device;
import org.lenetbench.check.CheckResult;
import org.lenetbench.check.CrossCheck;
import org.lenetbench.check.Tolerances;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.reference.ReferenceBackend;

/** The kit must be able to fail: deliberately broken backends are caught, by the checks that should catch them. */
class KitCatchesBrokenBackendsTest {

    @Test
    void shiftedC3TableFailsForwardGradientsAndTheC3Layer() {
        Set<String> failed = failedChecks(BrokenBackends.c3TableShiftedByOne(), Models.lenet5());
        // at initialisation the logits are small, so the loss itself hardly moves: the scores and gradients do
        assertTrue(failed.containsAll(List.of("forward", "gradients", "layer c3", "sgd momentum steps")),
                "failed: " + failed);
    }

    @Test
    void adamThatIgnoresItsBetasFailsTheAdamSteps() {
        for (ModelSpec model : Models.all()) {
            assertEquals(Set.of("adam steps"), failedChecks(BrokenBackends.adamWithBetasOfOneHalf(), model),
                    model.name());
        }
    }

    @Test
    void adamThatForgetsItsStateFailsTheAdamSteps() {
        for (ModelSpec model : Models.all()) {
            assertEquals(Set.of("adam steps"), failedChecks(BrokenBackends.adamForgettingItsState(), model),
                    model.name());
        }
    }

    @Test
    void sgdWithDampeningFailsTheSgdSteps() {
        Set<String> failed = failedChecks(BrokenBackends.sgdWithDampening(), Models.lenet5());
        assertTrue(failed.contains("sgd momentum steps"), "failed: " + failed);
        assertFalse(failed.contains("gradients"), "failed: " + failed);
    }

    @Test
    void aTrainStepThatReportsHalfTheLossFailsOnlyTheReportedLoss() {
        for (ModelSpec model : Models.all()) {
            assertEquals(Set.of("trainStep loss"), failedChecks(BrokenBackends.trainStepReportingHalfTheLoss(), model),
                    model.name());
        }
    }

    @Test
    void aBackwardOnlyBugFailsTheGradientsAndNothingElse() {
        assertEquals(Set.of("gradients"), failedChecks(BrokenBackends.c1WeightGradientRotated(), Models.lenet5()));
    }

    @Test
    void aWrongCurvatureFailsTheCurvatureCheckAlone() {
        assertEquals(Set.of("sdlm curvature"), failedChecks(BrokenBackends.c1CurvatureCountedTwice(), Models.lenet51998()));
    }

    @Test
    void anErrorJustAboveTheToleranceFails() {
        assertEquals(Set.of("forward"), failedChecks(BrokenBackends.scoresJustAboveTolerance(), Models.lenet5()));
    }

    @Test
    void maxPoolingThatRoutesTiesToTheLastFailsThePoolingLayers() {
        assertEquals(Set.of("layer s2", "layer s4"),
                failedChecks(BrokenBackends.maxPoolingTiesToTheLast(), Models.lenet5Modern()));
    }

    @Test
    void averagingSubsamplingFailsForwardGradientsAndTheSubsamplingLayers() {
        Set<String> failed = failedChecks(BrokenBackends.subsamplingAveragesInsteadOfSums(), Models.lenet51998());
        assertTrue(failed.containsAll(List.of("forward", "loss", "gradients", "layer s2", "layer s4")),
                "failed: " + failed);
    }

    @Test
    void theJUnitKitReportsTheFailures() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BrokenC3Kit.class)).execute()
                .testEvents();
        assertTrue(tests.failed().count() > 0, "the kit passed a broken backend");
        // every model has a C3, and shifting its input maps is wrong whether or not it has a table
        // each failure reads "<backend> <model> <check>: FAIL ..."
        Set<String> failedModels = tests.failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage())
                .map(message -> message.split(" ")[1])
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(Models.names()), failedModels);
    }

    @Test
    void theJUnitKitPassesTheReference() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ReferenceConformanceTest.class))
                .execute().testEvents();
        assertEquals(0, tests.failed().count());
        assertTrue(tests.succeeded().count() >= 4 * 15, "too few checks ran: " + tests.succeeded().count());
    }

    @Test
    void aBackendThatShouldRunHereButDoesNotLoadFailsTheKitWithTheReason() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NativesMissingKit.class)).execute()
                .testEvents();
        assertEquals(1, tests.failed().count());
        String message = tests.failed().stream().findFirst().orElseThrow().getPayload(TestExecutionResult.class)
                .orElseThrow().getThrowable().orElseThrow().getMessage();
        assertTrue(message.contains(NativesMissingKit.REASON) && message.contains("expected to run on this platform"),
                message);
    }

    @Test
    void aBackendThatMayBeUnavailableHereIsAVisibleSkip() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NoDriverKit.class)).execute()
                .testEvents();
        assertEquals(0, tests.failed().count());
        assertEquals(1, tests.aborted().count());
    }

    private static Set<String> failedChecks(Backend backend, ModelSpec model) {
        List<CheckResult> results = new CrossCheck(backend, Device.CPU, 1, Tolerances.FLOAT32, 3).run(model);
        return results.stream().filter(CheckResult::failed).map(CheckResult::check).collect(Collectors.toSet());
    }

    /** The kit pointed at a broken backend; not run by surefire on its own (nested, and run only via the test kit). */
    static class BrokenC3Kit extends BackendConformanceKit {
        @Override
        protected Backend backend() {
            return BrokenBackends.c3TableShiftedByOne();
        }
    }

    /** A backend whose natives did not load, on a platform where they should. */
    static class NativesMissingKit extends BackendConformanceKit {
        static final String REASON = "libexample.so: cannot open shared object file";

        @Override
        protected Backend backend() {
            return unavailable(REASON);
        }
    }

    /** The same, for a backend that may legitimately be unavailable here (a GPU backend without a driver). */
    static class NoDriverKit extends NativesMissingKit {
        @Override
        protected boolean availabilityExpected() {
            return false;
        }
    }

    private static Backend unavailable(String reason) {
        return new ForwardingBackend(new ReferenceBackend(), "unloadable", network -> network) {
            @Override
            public Availability availability() {
                return Availability.unavailable(reason);
            }
        };
    }
}
