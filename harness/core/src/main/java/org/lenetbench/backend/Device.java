package org.lenetbench.backend;

import java.util.Objects;

/** Where a network runs: {@code cpu}, or {@code gpu:0}, {@code gpu:1}, … */
public record Device(String id, Kind kind, String description) {

    public enum Kind { CPU, GPU }

    public static final Device CPU = new Device("cpu", Kind.CPU, "host CPU");

    public Device {
        Objects.requireNonNull(id);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(description);
    }

    public static Device gpu(int index, String description) {
        return new Device("gpu:" + index, Kind.GPU, description);
    }

    @Override
    public String toString() {
        return id;
    }
}
