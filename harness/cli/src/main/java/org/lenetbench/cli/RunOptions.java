package org.lenetbench.cli;

import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Device;

import picocli.CommandLine.Option;

/** {@code --threads} and {@code --device}, shared by the commands that open networks. */
final class RunOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Threads for the backend (default: cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    /** The thread count asked for, refused up front (before data or natives load) when the machine cannot have it. */
    int threads() {
        Backends.requireThreads(threads);
        return threads;
    }

    @Option(names = "--device", paramLabel = "ID", description = "cpu, gpu:0, … (default: the backend's first device).")
    String device;

    Device device(Backend backend) {
        Backends.requireAvailable(backend);
        if (device == null) {
            if (backend.devices().isEmpty()) {
                throw new IllegalStateException("backend " + backend.id() + " lists no device");
            }
            return backend.devices().getFirst();
        }
        return backend.devices().stream().filter(d -> d.id().equals(device)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("backend " + backend.id() + " has no device '" + device
                        + "'; it has " + backend.devices()));
    }
}
