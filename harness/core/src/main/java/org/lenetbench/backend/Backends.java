package org.lenetbench.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the backends on the class path. */
public final class Backends {
    private Backends() {
    }

    /** Every backend on the class path, sorted by id; a provider that fails to instantiate is reported, not fatal. */
    public static List<Backend> discover() {
        List<Backend> found = new ArrayList<>();
        var iterator = ServiceLoader.load(Backend.class).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                System.err.println("warning: a backend could not be loaded and is left out: " + e.getMessage());
            }
        }
        found.sort(Comparator.comparing(Backend::id));
        return found;
    }

    public static Backend byId(String id) {
        List<Backend> all = discover();
        return all.stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + id + "'; on the class path: "
                        + all.stream().map(Backend::id).toList()));
    }

    /** Throws with the backend's reason if it cannot run here. */
    public static void requireAvailable(Backend backend) {
        if (backend.availability() instanceof Availability.Unavailable u) {
            throw new IllegalStateException("backend " + backend.id() + " is unavailable: " + u.reason());
        }
    }

    /**
     * What {@link Backend#open} checks before building anything: the backend is available, the device is one of
     * its devices, and the thread count is at least 1. Each failure names the backend and the value.
     */
    public static void requireOpenable(Backend backend, Device device, int threads) {
        requireAvailable(backend);
        if (!backend.devices().contains(device)) {
            throw new IllegalArgumentException("backend " + backend.id() + " runs on " + backend.devices() + ", not on "
                    + device);
        }
        requireThreads(threads);
    }

    /**
     * Refuses a thread count below 1 or above {@link #maxThreads()}, before any backend starts that many threads
     * (100,000 took 45 s and then failed with "unable to create native thread").
     */
    public static void requireThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        if (threads > maxThreads()) {
            throw new IllegalArgumentException("threads must be at most " + maxThreads() + " (" + MAX_THREADS_PER_CORE
                    + " per core; this machine has " + Runtime.getRuntime().availableProcessors() + " cores), got " + threads);
        }
    }

    /** More threads than this per core only measure the scheduler. */
    public static final int MAX_THREADS_PER_CORE = 4;

    /** The largest thread count a network may be opened with on this machine. */
    public static int maxThreads() {
        return MAX_THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    /** Opens a network after checking availability and support, with one clear message if either fails. */
    public static Network open(Backend backend, org.lenetbench.model.ModelSpec model, Device device, int threads) {
        requireAvailable(backend);
        requireThreads(threads);
        Support s = backend.supports(model);
        if (!s.supported()) {
            throw new UnsupportedOperationException("backend " + backend.id() + " does not support model "
                    + model.name() + ": " + s.reason());
        }
        return backend.open(model, device, threads);
    }
}
