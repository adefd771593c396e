package org.lenetbench.backend;

import org.lenetbench.model.ModelSpec;

/**
 * What every {@link Network} has: its model, device and thread count, and the state checks of the contract
 * (closed; parameters loaded). A backend extends it, calls {@link #markLoaded()} at the end of
 * {@link #loadParameters}, and writes {@link #release()}.
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

    protected final void markLoaded() {
        loaded = true;
    }

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
