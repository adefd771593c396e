package org.lenetbench.djl;

import java.util.Optional;

import ai.djl.engine.Engine;

/**
 * Whether libtorch may use oneDNN on this host, decided once when the engine loads. oneDNN 3.7.1 (inside libtorch
 * 2.7.1) computes wrong convolution input gradients on hosts whose CPUID hides the cache topology (it takes every
 * cache to be 1 byte, and its weight reorder then leaves the padding of the 16-channel layout unwritten). So the
 * backend runs {@link ConvolutionBackwardProbe}; where it fails, oneDNN (and NNPACK) is switched off inside
 * libtorch, whose own kernels are then used, and the probe runs again. The outcome is part of the engine's description, so every
 * result made with it says so.
 *
 * <p>{@code -Dlenet.djl.onednn=auto} (default) does that; {@code off} switches oneDNN off without probing (to
 * measure the workaround's cost on a host where oneDNN is right); {@code on} keeps it even where the probe finds it
 * wrong (to measure the broken engine: its results are wrong, and its description says so).
 */
record OneDnnOnThisHost(boolean right, String description) {
    static final String PROPERTY = "lenet.djl.onednn";
    private static OneDnnOnThisHost decided;

    /** Decides once per JVM (the switch is process-wide), then returns that decision. */
    static synchronized OneDnnOnThisHost decide(Engine engine) {
        if (decided == null) {
            decided = probeAndSwitch(engine);
        }
        return decided;
    }

    private static OneDnnOnThisHost probeAndSwitch(Engine engine) {
        String mode = System.getProperty(PROPERTY, "auto");
        LibtorchContext libtorch = LibtorchContext.ofLoadedLibtorch();
        switch (mode) {
            case "off" -> {
                switchOff(libtorch);
                return afterSwitchingOff(engine, "oneDNN disabled (-D" + PROPERTY + "=off)");
            }
            case "on", "auto" -> {
                Optional<String> error = ConvolutionBackwardProbe.firstError(engine);
                if (error.isEmpty()) {
                    return new OneDnnOnThisHost(true, "oneDNN on (convolution gradients checked on this host)");
                }
                if (mode.equals("on")) {
                    return new OneDnnOnThisHost(false, "oneDNN kept on by -D" + PROPERTY + "=on although its "
                            + "convolution input gradient is WRONG on this host (" + error.get() + "): results are wrong");
                }
                switchOff(libtorch);
                return afterSwitchingOff(engine, "oneDNN disabled: its convolution input gradient was wrong on this "
                        + "host (" + error.get() + "; a CPUID that hides the cache topology does this to oneDNN 3.7)");
            }
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + mode + ": expected auto, off or on");
        }
    }

    /**
     * oneDNN off, and NNPACK with it: without oneDNN libtorch tries NNPACK for convolutions, which reads the cache
     * topology too (through cpuinfo), fails to start on such hosts and warns at every convolution. What is left are
     * libtorch's own kernels (im2col and GEMM).
     */
    private static void switchOff(LibtorchContext libtorch) {
        libtorch.setMkldnn(false);
        libtorch.setNnpack(false);
    }

    private static OneDnnOnThisHost afterSwitchingOff(Engine engine, String description) {
        Optional<String> error = ConvolutionBackwardProbe.firstError(engine);
        return error.isEmpty() ? new OneDnnOnThisHost(true, description)
                : new OneDnnOnThisHost(false, description + "; the convolution input gradient is still WRONG without it ("
                        + error.get() + "): results are wrong");
    }
}
