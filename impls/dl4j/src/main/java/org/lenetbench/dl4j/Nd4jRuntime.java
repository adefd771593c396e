package org.lenetbench.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's process-wide settings: loading the natives, what they were built with, and the thread count (ND4J
 * has one pool per process, so the last network opened sets it for all).
 */
final class Nd4jRuntime {
    static final String VERSION = "1.0.0-M2.1";

    /** What libnd4j reports about its build: which helpers (oneDNN) and BLAS it was compiled with. */
    record Info(boolean oneDnn, String blas) {
        String describe() {
            return (oneDnn ? "with oneDNN" : "WITHOUT oneDNN (generic natives: 4-5x slower)") + ", BLAS " + blas
                    + ", threads " + Nd4j.getEnvironment().maxMasterThreads();
        }
    }

    private Nd4jRuntime() {
    }

    /** Loads the natives (the first ND4J call does) and reads their build information. */
    static Info load() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        Nd4j.create(DataType.FLOAT, 1); // touches the executioner: a broken native library fails here
        String blas = build.contains("HAVE_OPENBLAS") ? "OpenBLAS" : build.contains("HAVE_MKL") ? "MKL" : "built-in";
        return new Info(build.contains("HAVE_ONEDNN"), blas);
    }

    /** The count last set by {@link #useThreads}; 0 before the first call. */
    private static int current;

    /**
     * Every ND4J op of this process from now on uses {@code threads} threads (OpenMP and BLAS). Called before
     * every computation; sets them only when the count changes.
     */
    static synchronized void useThreads(int threads) {
        if (threads == current) {
            return;
        }
        current = threads;
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
