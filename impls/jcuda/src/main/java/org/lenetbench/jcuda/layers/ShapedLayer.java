package org.lenetbench.jcuda.layers;

import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.model.Shape;

/** What every device layer has: the GPU it launches on and its input and output shapes (per image). */
public abstract class ShapedLayer implements DeviceLayer {
    protected final Gpu gpu;
    protected final Shape in;
    protected final Shape out;

    ShapedLayer(Gpu gpu, Shape in, Shape out) {
        this.gpu = gpu;
        this.in = in;
        this.out = out;
    }

    @Override
    public final Shape inputShape() {
        return in;
    }

    @Override
    public final Shape outputShape() {
        return out;
    }
}
