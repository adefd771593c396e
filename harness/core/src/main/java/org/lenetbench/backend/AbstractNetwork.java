package org.lenetbench.backend;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.tensor.NamedTensors;

/**
 * What every {@link Network} has: its model, device and thread count, and the state checks of the contract
 * (closed; parameters loaded) and the layout check of {@link #loadParameters}. A backend extends it and writes
 * {@link #writeParameters} and {@link #release()}.
 */
public abstract class AbstractNetwork implements Network {
    private final String backendId;
    private final ModelSpec model;
    private final Device device;
    private final int threads;
    private boolean loaded;
    private boolean closed;

    protected AbstractNetwork(String backendId, ModelSpec model, Device device, int threads) {
        this.backendId = backendId;
        this.model = model;
        this.device = device;
        this.threads = threads;
    }

    @Override
    public final ModelSpec model() {
        return model;
    }

    @Override
    public final Device device() {
        return device;
    }

    @Override
    public final int threads() {
        return threads;
    }

    /** Throws {@link IllegalStateException} once the network is closed. */
    protected final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(backendId + " network " + model.name() + " is closed");
        }
    }

    /** Throws {@link IllegalStateException} when closed or before the first {@link #loadParameters}. */
    protected final void checkLoaded() {
        checkOpen();
        if (!loaded) {
            throw new IllegalStateException(backendId + " network " + model.name() + ": loadParameters was not called");
        }
    }

    /**
     * Checks that the network is open and that the tensors have the model's parameter names and shapes, then lets
     * the backend copy them in ({@link #writeParameters}); the network counts as loaded once that returns.
     */
    @Override
    public final void loadParameters(NamedTensors values) {
        checkOpen();
        values.requireLayout(model, model.parameters(), backendId + ": loadParameters");
        writeParameters(values);
        loaded = true;
    }

    /** Copies parameters, already checked against the model's layout, into the backend's own storage. */
    protected abstract void writeParameters(NamedTensors values);

    /** Frees native and device memory; called once, by the first {@link #close()}. */
    protected abstract void release();

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
