package org.lenetbench.model;

import java.util.Objects;

/**
 * Non-overlapping {@code window × window} subsampling (stride = window), per map.
 * <ul>
 * <li>{@link Kind#TRAINABLE}: LeNet-5's S2/S4. The window's inputs are <em>added</em> (not averaged),
 *     multiplied by a trainable coefficient per map, and a trainable bias per map is added:
 *     {@code y = coef[m] · Σ window + bias[m]}. Parameters {@code NAME.coef [maps]}, {@code NAME.bias [maps]}.</li>
 * <li>{@link Kind#AVERAGE}: the mean of the window, no parameters.</li>
 * <li>{@link Kind#MAX}: the largest value of the window, no parameters. In backward the gradient goes to
 *     the first largest element in row-major window order (the tie rule of the contract,
 *     {@link org.lenetbench.backend.Network}).</li>
 * </ul>
 */
public record Subsampling(String name, Kind kind, int window) implements Layer {

    public enum Kind { TRAINABLE, AVERAGE, MAX }

    public Subsampling {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        if (window <= 0) {
            throw new IllegalArgumentException(name + ": window must be positive");
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.height() % window != 0 || input.width() % window != 0) {
            throw new IllegalArgumentException(name + ": input " + input + " is not a multiple of window " + window);
        }
        return new Shape(input.channels(), input.height() / window, input.width() / window);
    }
}
