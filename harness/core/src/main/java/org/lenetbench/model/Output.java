package org.lenetbench.model;

import java.util.Objects;

/**
 * The last layer, producing one score per class.
 * <ul>
 * <li>{@link Kind#LINEAR}: a fully connected layer named {@code out}; the scores are logits and the
 *     predicted class is the <b>largest</b>. Parameters {@code out.weight [classes, inputs]},
 *     {@code out.bias [classes]}.</li>
 * <li>{@link Kind#RBF}: Euclidean radial basis units named {@code rbf} with fixed centres:
 *     {@code y_i = Σ_j (x_j − c_ij)²}; the scores are distances and the predicted class is the
 *     <b>smallest</b>. Parameter {@code rbf.centres [classes, inputs]}, fixed (not trained): for
 *     LeNet-5 the paper's 7×12 digit bitmaps ({@link RbfBitmaps}).</li>
 * </ul>
 * Ties go to the lowest class index.
 */
public record Output(String name, Kind kind, int classes) implements Layer {

    public enum Kind { LINEAR, RBF }

    public Output {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        if (classes < 2) {
            throw new IllegalArgumentException(name + ": need at least 2 classes");
        }
    }

    public static Output linear(int classes) {
        return new Output("out", Kind.LINEAR, classes);
    }

    public static Output rbf(int classes) {
        return new Output("rbf", Kind.RBF, classes);
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.vector(classes);
    }

    /** The contract's predicted-class rule for one row of scores {@code scores[offset .. offset+classes)}. */
    public int predict(float[] scores, int offset) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            float s = scores[offset + c];
            float b = scores[offset + best];
            if (kind == Kind.LINEAR ? s > b : s < b) {
                best = c;
            }
        }
        return best;
    }
}
