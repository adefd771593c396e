package org.lenetbench.reference;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;

/**
 * One layer of the reference network, one sample at a time, in double precision. Three passes:
 * <ul>
 * <li>{@link #forward}: y = f(x).</li>
 * <li>{@link #backward}: from dE/dy, writes dE/dx and <em>adds</em> this sample's dE/dθ to the
 *     parameter gradients.</li>
 * <li>{@link #curvature}: SDLM's Gauss-Newton pass (LeCun et al., "Efficient BackProp", 1998): from
 *     the diagonal second derivatives ∂²E/∂y², writes ∂²E/∂x² and adds this sample's h_kk. Terms in f''
 *     are dropped, so every value is ≥ 0.</li>
 * </ul>
 */
public abstract class ReferenceLayer {
    protected final Shape in;
    protected final Shape out;

    protected ReferenceLayer(Shape in, Shape out) {
        this.in = in;
        this.out = out;
    }

    public Shape inputShape() {
        return in;
    }

    public Shape outputShape() {
        return out;
    }

    public abstract void forward(double[] x, double[] y);

    public abstract void backward(double[] x, double[] y, double[] dy, double[] dx);

    public abstract void curvature(double[] x, double[] y, double[] d2y, double[] d2x);

    /** The reference implementation of {@code layer} reading and writing {@code store}'s arrays. */
    static ReferenceLayer of(Layer layer, Shape in, ParameterStore store) {
        return switch (layer) {
            case Convolution c -> new ReferenceConvolution(c, in, store);
            case Subsampling s -> new ReferenceSubsampling(s, in, store);
            case Activation a -> new ReferenceActivation(a, in);
            case FullyConnected f -> new ReferenceFullyConnected(f.name(), in, f.outputs(), store);
            case Output o when o.kind() == Output.Kind.LINEAR ->
                    new ReferenceFullyConnected(o.name(), in, o.classes(), store);
            case Output o -> new ReferenceRbf(o, in, store);
        };
    }
}
