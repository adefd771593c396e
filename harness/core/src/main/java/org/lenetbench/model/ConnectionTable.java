package org.lenetbench.model;

import java.util.Arrays;

/**
 * Which input maps feed each output map of a convolution (LeNet-5's Table 1 for C3).
 * {@code connected(out, in)} is false where the weight block {@code [out, in, :, :]} is absent: it is
 * zero in the canonical parameters and stays zero through training.
 */
public final class ConnectionTable {
    private final boolean[][] connected; // [out][in]

    private ConnectionTable(boolean[][] connected) {
        this.connected = connected;
    }

    /** A table from, for each output map, the list of input maps it reads. */
    public static ConnectionTable of(int inputMaps, int[][] inputsPerOutput) {
        boolean[][] table = new boolean[inputsPerOutput.length][inputMaps];
        for (int out = 0; out < inputsPerOutput.length; out++) {
            for (int in : inputsPerOutput[out]) {
                if (in < 0 || in >= inputMaps) {
                    throw new IllegalArgumentException("output map " + out + " reads input map " + in
                            + ", but there are only " + inputMaps + " input maps");
                }
                table[out][in] = true;
            }
        }
        return new ConnectionTable(table);
    }

    /** LeNet-5's Table 1 (LeCun et al. 1998): which of S2's 6 maps feed each of C3's 16 maps. */
    public static ConnectionTable lenet5Table1() {
        return of(6, new int[][] {
            {0, 1, 2}, {1, 2, 3}, {2, 3, 4}, {3, 4, 5}, {4, 5, 0}, {5, 0, 1},
            {0, 1, 2, 3}, {1, 2, 3, 4}, {2, 3, 4, 5}, {3, 4, 5, 0}, {4, 5, 0, 1}, {5, 0, 1, 2},
            {0, 1, 3, 4}, {1, 2, 4, 5}, {0, 2, 3, 5},
            {0, 1, 2, 3, 4, 5},
        });
    }

    public int outputMaps() {
        return connected.length;
    }

    public int inputMaps() {
        return connected[0].length;
    }

    public boolean connected(int out, int in) {
        return connected[out][in];
    }

    /** How many input maps feed output map {@code out}. */
    public int inputsOf(int out) {
        int count = 0;
        for (boolean c : connected[out]) {
            if (c) {
                count++;
            }
        }
        return count;
    }

    /** Number of connected (out, in) pairs: 60 for Table 1. */
    public int connectedPairs() {
        int count = 0;
        for (int out = 0; out < outputMaps(); out++) {
            count += inputsOf(out);
        }
        return count;
    }

    /** Every output map reads {@code inputMaps()} maps: the table says nothing a dense layer would not. */
    public boolean isFull() {
        return connectedPairs() == outputMaps() * inputMaps();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionTable t && Arrays.deepEquals(connected, t.connected);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(connected);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ConnectionTable[");
        for (int out = 0; out < outputMaps(); out++) {
            s.append(out == 0 ? "" : " | ");
            for (int in = 0; in < inputMaps(); in++) {
                s.append(connected[out][in] ? in : "");
            }
        }
        return s.append(']').toString();
    }
}
