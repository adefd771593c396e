package org.lenetbench.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A 2-D convolution (cross-correlation, as in every framework), stride 1, square kernel, zero padding of
 * {@code padding} pixels on each side. Parameters: {@code NAME.weight [maps, inMaps, kernel, kernel]} and
 * {@code NAME.bias [maps]}. With a connection table, output map o reads only the input maps the table
 * lists; the other weight blocks are zero and stay zero.
 */
public record Convolution(String name, int maps, int kernel, int padding, Optional<ConnectionTable> table)
        implements Layer {

    public Convolution {
        Objects.requireNonNull(name);
        Objects.requireNonNull(table);
        if (maps <= 0 || kernel <= 0 || padding < 0) {
            throw new IllegalArgumentException(name + ": maps and kernel must be positive, padding ≥ 0");
        }
        table.ifPresent(t -> {
            if (t.outputMaps() != maps) {
                throw new IllegalArgumentException(name + ": connection table has " + t.outputMaps()
                        + " output maps, the layer " + maps);
            }
        });
    }

    public static Convolution dense(String name, int maps, int kernel, int padding) {
        return new Convolution(name, maps, kernel, padding, Optional.empty());
    }

    public static Convolution partial(String name, int kernel, ConnectionTable table) {
        return new Convolution(name, table.outputMaps(), kernel, 0, Optional.of(table));
    }

    /** Whether the weight block {@code [out, in]} exists. */
    public boolean connected(int out, int in) {
        return table.map(t -> t.connected(out, in)).orElse(true);
    }

    /** Fan-in of one unit of output map {@code out}: connected input maps × kernel². */
    public int fanIn(int out, int inputMaps) {
        int inputs = table.map(t -> t.inputsOf(out)).orElse(inputMaps);
        return inputs * kernel * kernel;
    }

    @Override
    public Shape outputShape(Shape input) {
        table.ifPresent(t -> {
            if (t.inputMaps() != input.channels()) {
                throw new IllegalArgumentException(name + ": connection table reads " + t.inputMaps()
                        + " input maps but the input has " + input.channels());
            }
        });
        int h = input.height() + 2 * padding - kernel + 1;
        int w = input.width() + 2 * padding - kernel + 1;
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException(name + ": kernel " + kernel + " does not fit input " + input);
        }
        return new Shape(maps, h, w);
    }
}
