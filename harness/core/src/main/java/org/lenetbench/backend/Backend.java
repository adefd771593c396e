package org.lenetbench.backend;

import java.util.List;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;

/**
 * A LeNet implementation, found with {@link java.util.ServiceLoader}: a backend module lists its class in
 * {@code META-INF/services/org.lenetbench.backend.Backend} and needs a public no-argument constructor.
 * The constructor must be cheap and must not touch native libraries: that is {@link #availability()}'s job.
 */
public interface Backend {

    /** Short id used on the command line: {@code reference}, {@code vector}, {@code jcuda}, … */
    String id();

    /** The engine underneath, e.g. "TensorFlow Java", "plain Java (double)". */
    String engine();

    /** The engine's version, e.g. "1.1.0"; the JDK version for pure-Java backends. */
    String engineVersion();

    /**
     * Whether this project computes the numbers (the reference, vector, jcuda): a failed cross-check is then a bug
     * of ours and fails the build. False for a backend over a third-party engine (djl, tfjava, dl4j): a failed
     * cross-check there, on some host, is a finding about that engine on that host, which the benchmark suite
     * reports and measures past.
     */
    default boolean computedByThisProject() {
        return true;
    }

    /** The devices this backend can run on here; empty when it is unavailable. */
    List<Device> devices();

    /**
     * Whether the backend can run on this machine. Must never throw: a native library that fails to
     * load, a missing driver, no device — each becomes {@link Availability#unavailable(String)} with the
     * reason. May be slow the first time (loading natives); backends should remember the answer.
     */
    Availability availability();

    /** Whether this backend implements {@code model}. */
    default Support supports(ModelSpec model) {
        return Support.SUPPORTED;
    }

    /** Whether this backend implements {@code optimizer} (SDLM may be declared unsupported). */
    default Support supports(OptimizerSpec optimizer) {
        return Support.SUPPORTED;
    }

    /**
     * Opens a network for {@code model} on {@code device} using {@code threads} threads (≥ 1; a backend
     * that cannot honour the count says so in {@link Network#threads()}). Its parameters are unset until
     * {@link Network#loadParameters} is called. Throws {@link UnsupportedOperationException} for a model
     * that {@link #supports(ModelSpec)} rejects, {@link IllegalStateException} if unavailable.
     */
    Network open(ModelSpec model, Device device, int threads);
}
