package org.lenetbench.backend;

import java.util.Objects;

import org.lenetbench.optim.OptimizerSpec;

/** Whether a backend supports a model or an optimizer; if not, why, in one line. */
public record Support(boolean supported, String reason) {

    public static final Support SUPPORTED = new Support(true, "");

    public Support {
        Objects.requireNonNull(reason);
    }

    public static Support unsupported(String reason) {
        return new Support(false, reason);
    }

    /** Every optimizer but SDLM, which needs a curvature pass that only some backends implement: {@code whyNot} says so. */
    public static Support allButSdlm(OptimizerSpec optimizer, String whyNot) {
        return optimizer instanceof OptimizerSpec.Sdlm ? unsupported(whyNot) : SUPPORTED;
    }
}
