package org.lenetbench.backend;

import java.util.Objects;

/** Whether a backend supports a model or an optimizer; if not, why, in one line. */
public record Support(boolean supported, String reason) {

    public static final Support SUPPORTED = new Support(true, "");

    public Support {
        Objects.requireNonNull(reason);
    }

    public static Support unsupported(String reason) {
        return new Support(false, reason);
    }
}
