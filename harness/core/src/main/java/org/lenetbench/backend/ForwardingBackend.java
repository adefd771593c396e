package org.lenetbench.backend;

import java.util.List;
import java.util.function.UnaryOperator;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.optim.OptimizerSpec;

/**
 * A backend that answers like another one under its own id, and wraps the networks it opens (with a
 * {@link ForwardingNetwork}, typically): deliberately broken backends for tests, probes.
 */
public class ForwardingBackend implements Backend {
    private final Backend delegate;
    private final String id;
    private final UnaryOperator<Network> wrap;

    public ForwardingBackend(Backend delegate, String id, UnaryOperator<Network> wrap) {
        this.delegate = delegate;
        this.id = id;
        this.wrap = wrap;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String engine() {
        return delegate.engine();
    }

    @Override
    public String engineVersion() {
        return delegate.engineVersion();
    }

    @Override
    public boolean computedByThisProject() {
        return delegate.computedByThisProject();
    }

    @Override
    public List<Device> devices() {
        return delegate.devices();
    }

    @Override
    public Availability availability() {
        return delegate.availability();
    }

    @Override
    public Support supports(ModelSpec model) {
        return delegate.supports(model);
    }

    @Override
    public Support supports(OptimizerSpec optimizer) {
        return delegate.supports(optimizer);
    }

    @Override
    public Network open(ModelSpec model, Device device, int threads) {
        return wrap.apply(delegate.open(model, device, threads));
    }
}
