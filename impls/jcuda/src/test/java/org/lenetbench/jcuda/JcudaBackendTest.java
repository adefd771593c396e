package org.lenetbench.jcuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;

/** What the backend does around the kernels: availability, refusals, determinism (on the CPU emulation). */
class JcudaBackendTest {

    private static boolean driverInstalled() {
        return List.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1", "/usr/lib64/libcuda.so.1", "/usr/lib/libcuda.so.1")
                .stream().anyMatch(p -> Files.exists(Path.of(p)));
    }

    @Test
    void withoutADriverTheBackendIsUnavailableAndSaysWhy() {
        Assumptions.assumeFalse(driverInstalled(), "this machine has an NVIDIA driver; JcudaConformanceTest covers it");
        Backend backend = new JcudaBackend();
        Availability availability = backend.availability();
        assertFalse(availability.isAvailable());
        String reason = ((Availability.Unavailable) availability).reason();
        assertTrue(reason.contains("no NVIDIA driver") && reason.contains("libcuda"), reason);
        assertEquals(List.of(), backend.devices());
        assertTrue(backend.engineVersion().contains("no GPU"), backend.engineVersion());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> backend.open(Models.lenet5(), Device.gpu(0, "none"), 1));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void theServiceLoaderFindsIt() {
        assertTrue(ServiceLoader.load(Backend.class).stream()
                .anyMatch(p -> p.type() == JcudaBackend.class), "META-INF/services lists JcudaBackend");
    }

    @Test
    void refusesSdlmTheCpuAndCallsOutOfOrder() {
        Backend backend = HostKernelsConformanceTest.hostBackend();
        assertFalse(backend.supports(OptimizerSpec.Sdlm.PAPER).supported());
        assertThrows(IllegalArgumentException.class, () -> backend.open(Models.lenet5(), Device.CPU, 1));
        try (Network network = backend.open(Models.lenet5(), backend.devices().getFirst(), 4)) {
            assertEquals(1, network.threads(), "one host thread drives the device");
            Batch batch = RandomBatches.of(network.model(), 4, 7L);
            assertThrows(IllegalStateException.class, () -> network.forward(batch, new float[40]), "before loadParameters");
            network.loadParameters(Initializer.initialize(network.model(), network.model().defaultInit(), 1L));
            assertThrows(IllegalStateException.class, () -> network.trainStep(batch, 0.1), "before setOptimizer");
            UnsupportedOperationException sdlm = assertThrows(UnsupportedOperationException.class,
                    () -> network.setOptimizer(OptimizerSpec.Sdlm.PAPER));
            assertTrue(sdlm.getMessage().contains("SDLM"), sdlm.getMessage());
            batch.labels()[2] = 10;
            IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                    () -> network.lossAndGradients(batch));
            assertTrue(label.getMessage().contains("label 10 of pattern 2"), label.getMessage());
        }
    }

    /** No atomics, fixed summation order: the same steps give the same losses bit for bit. */
    @Test
    void trainingIsDeterministic() {
        ModelSpec model = Models.lenet5();
        assertArrayEquals(losses(model), losses(model));
    }

    private static double[] losses(ModelSpec model) {
        Backend backend = HostKernelsConformanceTest.hostBackend();
        try (Network network = backend.open(model, backend.devices().getFirst(), 1)) {
            network.loadParameters(Initializer.initialize(model, model.defaultInit(), 3L));
            network.setOptimizer(OptimizerSpec.Adam.DEFAULT);
            double[] losses = new double[6];
            for (int step = 0; step < losses.length; step++) {
                losses[step] = network.trainStep(RandomBatches.of(model, 16, step), 1e-3);
            }
            assertTrue(losses[losses.length - 1] < losses[0], "the loss falls: " + java.util.Arrays.toString(losses));
            return losses;
        }
    }
}
