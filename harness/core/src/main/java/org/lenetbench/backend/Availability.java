package org.lenetbench.backend;

import java.util.Objects;

/** Whether a backend can run here: available, or unavailable with a reason a person can act on. */
public sealed interface Availability {

    Availability AVAILABLE = new Available();

    static Availability unavailable(String reason) {
        return new Unavailable(reason);
    }

    default boolean isAvailable() {
        return this instanceof Available;
    }

    record Available() implements Availability {
    }

    /** E.g. "libcuda.so.1 not found: no NVIDIA driver on this machine". */
    record Unavailable(String reason) implements Availability {
        public Unavailable {
            Objects.requireNonNull(reason);
        }
    }
}
