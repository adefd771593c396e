package org.lenetbench.tfjava;

import org.lenetbench.model.ParameterSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One parameter of a network's graph: the variable, the value the forward pass reads, and a placeholder
 * with an assign op that loads it.
 */
final class TfParameter {
    final ParameterSpec spec;
    final TfLayout layout;
    final Variable<TFloat32> variable;
    /** What the layers and the gradients use: a read of the variable. */
    final Operand<TFloat32> value;
    final Placeholder<TFloat32> newValue;
    final Assign<TFloat32> load;

    TfParameter(Ops tf, TfLayout layout) {
        this.spec = layout.spec();
        this.layout = layout;
        String name = spec.name().replace('.', '_');
        Shape shape = Shape.of(layout.tfShape());
        this.variable = tf.withName(name).variable(shape, TFloat32.class);
        this.value = tf.withName(name + "_read").identity(variable);
        this.newValue = tf.withName(name + "_new").placeholder(TFloat32.class, Placeholder.shape(shape));
        this.load = tf.assign(variable, newValue);
    }
}
