package org.lenetbench.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector path against the scalar definition. Surefire runs this class three times, in separate JVMs:
 * with the preferred species and with {@code -Dlenet.vector.bits=256} and {@code 128} (see the pom).
 */
class FloatOpsTest {
    static Stream<FloatOps> vectorOps() {
        return Stream.of(VectorOps.INSTANCE);
    }

    static Stream<FloatOps> bothOps() {
        return Stream.of(ScalarOps.INSTANCE, VectorOps.INSTANCE);
    }

    @org.junit.jupiter.api.Test
    void theForcedSpeciesIsTheOneInUse() {
        String bits = System.getProperty(VectorOps.BITS_PROPERTY);
        if (bits != null) {
            assertEquals(Integer.parseInt(bits) / 32, VectorOps.INSTANCE.lanes());
        } else {
            assertEquals(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length(), VectorOps.INSTANCE.lanes());
        }
    }

    private static final List<Integer> LENGTHS = List.of(0, 1, 3, 7, 10, 16, 17, 28, 31, 84, 120, 400);

    @ParameterizedTest
    @MethodSource("vectorOps")
    void axpyMatchesTheScalarPathAtEveryLengthAndOffset(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : LENGTHS) {
            for (int offset : new int[] {0, 1, 5}) {
                float[] x = random(r, n + 8);
                float[] y = random(r, n + 8);
                float[] expected = y.clone();
                float a = (float) r.nextDouble(-2, 2);
                ScalarOps.INSTANCE.axpy(a, x, offset, expected, 2, n);
                ops.axpy(a, x, offset, y, 2, n);
                for (int i = 0; i < y.length; i++) {
                    // fused multiply-add rounds once where the scalar path rounds twice
                    assertEquals(expected[i], y[i], 1e-6f * (1 + Math.abs(expected[i])), "n=" + n + " i=" + i);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("vectorOps")
    void sumMatchesTheScalarPath(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(2);
        for (int n : LENGTHS) {
            float[] x = random(r, n + 4);
            float sum = ScalarOps.INSTANCE.sum(x, 2, n);
            // a different order of additions: the difference is bounded by n ulps of the magnitudes summed
            assertEquals(sum, ops.sum(x, 2, n), 1e-6f * n + 1e-7f, "sum n=" + n);
        }
    }

    /** W transposed into rows of stride floats (the padding left at zero), as VectorFullyConnected lays it out. */
    private static float[] transposed(float[] w, int rows, int n, int stride) {
        float[] wt = new float[n * stride];
        for (int o = 0; o < rows; o++) {
            for (int i = 0; i < n; i++) {
                wt[i * stride + o] = w[o * n + i];
            }
        }
        return wt;
    }

    @ParameterizedTest
    @MethodSource("vectorOps")
    void multiplyTransposedMatchesTheScalarPath(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : LENGTHS) {
            for (int rows : new int[] {1, 4, 7, 10, 84, 120}) {
                int stride = Math.ceilDiv(rows, ops.lanes()) * ops.lanes();
                float[] wt = transposed(random(r, rows * n), rows, n, stride);
                float[] x = random(r, n);
                float[] expected = new float[stride];
                float[] y = new float[stride + 2];
                ScalarOps.INSTANCE.multiplyTransposed(wt, stride, n, x, expected, 0);
                ops.multiplyTransposed(wt, stride, n, x, y, 2);
                for (int o = 0; o < stride; o++) {
                    assertEquals(expected[o], y[2 + o], 1e-6f * n + 1e-7f, "n=" + n + " rows=" + rows + " o=" + o);
                }
            }
        }
    }

    /** Four samples at a time, each gets the bits it gets alone; nothing outside the four outputs is written. */
    @ParameterizedTest
    @MethodSource("bothOps")
    void multiplyTransposedFourGivesEachSampleTheBitsOfMultiplyTransposed(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(12);
        for (int n : LENGTHS) {
            for (int rows : new int[] {1, 4, 7, 10, 84, 120}) {
                int stride = Math.ceilDiv(rows, ops.lanes()) * ops.lanes();
                float[] wt = transposed(random(r, rows * n), rows, n, stride);
                float[][] xs = new float[6][];
                for (int s = 0; s < 6; s++) {
                    xs[s] = random(r, n);
                }
                float[] four = new float[1 + 4 * stride + 1];
                java.util.Arrays.fill(four, 7f);
                ops.multiplyTransposedFour(wt, stride, n, xs, 1, four, 1);
                float[] expected = new float[four.length];
                java.util.Arrays.fill(expected, 7f);
                for (int s = 0; s < 4; s++) {
                    ops.multiplyTransposed(wt, stride, n, xs[1 + s], expected, 1 + s * stride);
                }
                assertBitsEqual(expected, four, "n=" + n + " rows=" + rows);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bothOps")
    void weightedRowSumFourGivesEachSampleTheBitsOfWeightedRowSum(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(13);
        for (int n : LENGTHS) {
            for (int rows : new int[] {1, 4, 7, 10, 84, 120}) {
                float[] w = random(r, rows * n);
                float[][] as = new float[6][];
                float[][] ys = new float[6][];
                for (int s = 0; s < 6; s++) {
                    as[s] = random(r, rows);
                    ys[s] = new float[n];
                    java.util.Arrays.fill(ys[s], 7f); // samples 0 and 5 are not among the four: they must stay 7
                }
                ops.weightedRowSumFour(w, rows, n, as, ys, 1);
                for (int s = 0; s < 6; s++) {
                    float[] expected = new float[n];
                    if (s == 0 || s == 5) {
                        java.util.Arrays.fill(expected, 7f);
                    } else {
                        ops.weightedRowSum(w, 0, rows, n, as[s], 0, expected, 0);
                    }
                    assertBitsEqual(expected, ys[s], "n=" + n + " rows=" + rows + " sample " + s);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("vectorOps")
    void convolveRowMatchesTheScalarPath(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : LENGTHS) {
            for (int k : new int[] {1, 3, 5}) {
                float[] w = random(r, k + 2);
                float[] x = random(r, n + k + 4);
                float[] y = random(r, n + 6);
                float[] expected = y.clone();
                ScalarOps.INSTANCE.convolveRow(w, 1, k, x, 2, expected, 3, n);
                ops.convolveRow(w, 1, k, x, 2, y, 3, n);
                for (int i = 0; i < y.length; i++) {
                    assertEquals(expected[i], y[i], 1e-6f * k * (1 + Math.abs(expected[i])), "n=" + n + " k=" + k + " i=" + i);
                }
            }
        }
    }

    /** The same additions in the same order as the scalar definition, each a fused multiply-add. */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void convolvePlaneMatchesTheScalarPathAndConvolveRowByRow(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(4);
        for (int n : List.of(0, 1, 7, 16, 63, 64, 65, 136, 200, 892)) {
            for (int k : new int[] {3, 5}) {
                int stride = 32;
                float[] w = random(r, k * k + 3);
                float[] x = random(r, n + (k - 1) * stride + k + 5);
                float[] y = random(r, n + 6);
                float[] expected = y.clone();
                float[] byRows = y.clone();
                ScalarOps.INSTANCE.convolvePlane(w, 2, k, x, 3, stride, expected, 1, n);
                ops.convolvePlane(w, 2, k, x, 3, stride, y, 1, n);
                for (int u = 0; u < k; u++) {
                    ops.convolveRow(w, 2 + u * k, k, x, 3 + u * stride, byRows, 1, n);
                }
                for (int i = 0; i < y.length; i++) {
                    assertEquals(expected[i], y[i], 1e-6f * k * k * (1 + Math.abs(expected[i])), "n=" + n + " k=" + k + " i=" + i);
                    assertEquals(Float.floatToIntBits(byRows[i]), Float.floatToIntBits(y[i]), "bits, n=" + n + " k=" + k + " i=" + i);
                }
            }
        }
    }

    /**
     * Ten and fourteen outputs in lanes are, bit for bit, fives side by side (the last from output 9 for fourteen: it
     * writes outputs 9 to 13, output 9 again with the same bits); nothing outside them is written.
     */
    @ParameterizedTest
    @MethodSource("bothOps")
    void convolveTenAndFourteenInLanesGiveTheBitsOfFives(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(10);
        int lanes = ops.lanes();
        int height = 8;
        int width = 20;
        int plane = height * width * lanes;
        float[] w = random(r, 3 * 25 + 1);
        int[] kernels = {51, 1}; // two input maps, their kernels out of order
        int[] planes = {plane, 0};
        float[] x = random(r, 2 * plane);
        for (int[] rows : new int[][] {{0, 5}, {1, 4}, {3, 5}}) {
            for (int i = 0; i <= height - 5; i++) {
                for (int j = 0; j <= width - 18; j++) {
                    int xOff = (i * width + j) * lanes;
                    float[] fives = new float[16 * lanes];
                    java.util.Arrays.fill(fives, 7f);
                    float[] ten = fives.clone();
                    float[] fourteen = fives.clone();
                    for (int at : new int[] {0, 5}) {
                        ops.convolveFiveInLanes(w, kernels, -0.25f, x, planes, xOff + at * lanes, width * lanes,
                                rows[0], rows[1], fives, (1 + at) * lanes);
                    }
                    ops.convolveTenInLanes(w, kernels, -0.25f, x, planes, xOff, width * lanes, rows[0], rows[1], ten,
                            lanes);
                    String where = "kernel rows " + rows[0] + "-" + rows[1] + ", i=" + i + " j=" + j;
                    assertBitsEqual(fives, ten, "ten, " + where);
                    ops.convolveFiveInLanes(w, kernels, -0.25f, x, planes, xOff + 9 * lanes, width * lanes, rows[0],
                            rows[1], fives, 10 * lanes);
                    ops.convolveFourteenInLanes(w, kernels, -0.25f, x, planes, xOff, width * lanes, rows[0], rows[1],
                            fourteen, lanes);
                    assertBitsEqual(fives, fourteen, "fourteen, " + where);
                }
            }
        }
    }

    /**
     * The full convolution of ten-wide rows gives, bit for bit, a ten and a five (at output 9) over the rows with four
     * zeros on each side; it reads none of the zeros (they are NaN here) and writes nothing outside its fourteen.
     */
    @ParameterizedTest
    @MethodSource("bothOps")
    void fullConvolveTenInLanesGivesTheBitsOfATenAndAFiveOverTheSurroundedRows(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(11);
        int lanes = ops.lanes();
        int rows = 6;
        int row = 18 * lanes; // ten positions inside four zeros on each side
        int plane = rows * row;
        float[] w = random(r, 3 * 25 + 1);
        int[] kernels = {51, 1}; // two maps, their kernels out of order
        int[] planes = {plane, 0};
        float[] surrounded = new float[2 * plane];
        float[] poisoned = new float[2 * plane];
        java.util.Arrays.fill(poisoned, Float.NaN);
        for (int p = 0; p < 2 * rows; p++) {
            for (int k = 4 * lanes; k < 14 * lanes; k++) {
                surrounded[p * row + k] = poisoned[p * row + k] = (float) r.nextDouble(-1, 1);
            }
        }
        for (int[] band : new int[][] {{0, 5}, {1, 4}, {3, 5}, {0, 1}}) {
            for (int i = 0; i <= rows - 5; i++) {
                float[] expected = new float[16 * lanes];
                java.util.Arrays.fill(expected, 7f);
                ops.convolveTenInLanes(w, kernels, 0f, surrounded, planes, i * row, row, band[0], band[1], expected,
                        lanes);
                ops.convolveFiveInLanes(w, kernels, 0f, surrounded, planes, i * row + 9 * lanes, row, band[0], band[1],
                        expected, 10 * lanes);
                float[] full = new float[16 * lanes];
                java.util.Arrays.fill(full, 7f);
                ops.fullConvolveTenInLanes(w, kernels, poisoned, planes, i * row + 4 * lanes, row, band[0], band[1],
                        full, lanes);
                assertBitsEqual(expected, full, "kernel rows " + band[0] + "-" + band[1] + ", row " + i);
            }
        }
    }

    /**
     * Each lane of convolveFiveInLanes is one sample: it must get the bits that sample gets from a row started at the
     * bias and one convolvePlane per input map (the wide path), and agree with the scalar definition.
     */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void convolveFiveInLanesGivesEachLaneTheBitsOfConvolvePlane(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(9);
        int lanes = ops.lanes();
        int maps = 3;
        int height = 9;
        int width = 12;
        int plane = height * width;
        float[] w = random(r, 4 * 25 + 2);
        int[] kernels = {2, 52, 27}; // three kernels, out of order: the maps' order is the kernels' order
        float bias = 0.375f;
        float[][] samples = new float[lanes][];
        float[] interleaved = new float[maps * plane * lanes];
        for (int s = 0; s < lanes; s++) {
            samples[s] = random(r, maps * plane);
            for (int p = 0; p < maps * plane; p++) {
                interleaved[p * lanes + s] = samples[s][p];
            }
        }
        int[] planes = {0, plane * lanes, 2 * plane * lanes};
        int[] samplePlanes = {0, plane, 2 * plane};
        for (int i = 0; i <= height - 5; i++) {
            for (int j = 0; j <= width - 9; j++) {
                float[] y = random(r, (5 + 2) * lanes);
                ops.convolveFiveInLanes(w, kernels, bias, interleaved, planes, (i * width + j) * lanes, width * lanes, 0,
                        5, y, lanes);
                float[] band = new float[5 * lanes]; // kernel rows 1 to 3 only
                ops.convolveFiveInLanes(w, kernels, bias, interleaved, planes, (i * width + j) * lanes, width * lanes, 1,
                        4, band, 0);
                for (int s = 0; s < lanes; s++) {
                    float[] bandScalar = new float[5];
                    ScalarOps.INSTANCE.convolveFiveInLanes(w, kernels, bias, samples[s], samplePlanes, i * width + j,
                            width, 1, 4, bandScalar, 0);
                    for (int t = 0; t < 5; t++) {
                        assertEquals(bandScalar[t], band[t * lanes + s], 1e-5f * (1 + Math.abs(bandScalar[t])),
                                "kernel rows 1-3, output " + t);
                    }
                    float[] alone = {bias, bias, bias, bias, bias};
                    for (int m = 0; m < maps; m++) {
                        ops.convolvePlane(w, kernels[m], 5, samples[s], samplePlanes[m] + i * width + j, width, alone, 0, 5);
                    }
                    float[] scalar = new float[5];
                    ScalarOps.INSTANCE.convolveFiveInLanes(w, kernels, bias, samples[s], samplePlanes, i * width + j,
                            width, 0, 5, scalar, 0);
                    for (int t = 0; t < 5; t++) {
                        float lane = y[(1 + t) * lanes + s];
                        assertEquals(Float.floatToIntBits(alone[t]), Float.floatToIntBits(lane),
                                "bits, i=" + i + " j=" + j + " sample " + s + " output " + t);
                        assertEquals(scalar[t], lane, 1e-5f * (1 + Math.abs(scalar[t])), "scalar, output " + t);
                    }
                }
            }
        }
    }

    /** Each lane of correlateInLanes gathers one sample's weight gradient: the scalar definition, sample by sample. */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void correlateInLanesGivesEachLaneItsSamplesSums(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(10);
        int lanes = ops.lanes();
        for (int n : new int[] {1, 5, 8, 10, 13}) {
            int rows = 7;
            int dRow = n + 3; // the gradient's rows padded, as the layer's are
            int xRow = n + 4 + 2;
            float[][] d = new float[lanes][];
            float[][] x = new float[lanes][];
            float[] dLanes = new float[(rows * dRow + 1) * lanes];
            float[] xLanes = new float[(rows + 4) * xRow * lanes];
            for (int s = 0; s < lanes; s++) {
                d[s] = random(r, rows * dRow + 1);
                x[s] = random(r, (rows + 4) * xRow);
                for (int p = 0; p < d[s].length; p++) {
                    dLanes[p * lanes + s] = d[s][p];
                }
                for (int p = 0; p < x[s].length; p++) {
                    xLanes[p * lanes + s] = x[s][p];
                }
            }
            float[] out = random(r, (2 + 25) * lanes);
            float[] before = out.clone();
            ops.correlateInLanes(dLanes, lanes, dRow * lanes, rows, n, xLanes, 0, xRow * lanes, out, 2 * lanes);
            for (int s = 0; s < lanes; s++) {
                float[] expected = new float[25];
                for (int t = 0; t < 25; t++) {
                    expected[t] = before[(2 + t) * lanes + s];
                }
                ScalarOps.INSTANCE.correlateInLanes(d[s], 1, dRow, rows, n, x[s], 0, xRow, expected, 0);
                for (int t = 0; t < 25; t++) {
                    assertEquals(expected[t], out[(2 + t) * lanes + s], 1e-5f * rows * n,
                            "n=" + n + " sample " + s + " tap " + t);
                    // and exactly: one fused multiply-add per gradient position, rows then columns in order
                    float fused = before[(2 + t) * lanes + s];
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < n; j++) {
                            fused = Math.fma(d[s][1 + i * dRow + j], x[s][(i + t / 5) * xRow + j + t % 5], fused);
                        }
                    }
                    assertEquals(Float.floatToIntBits(fused), Float.floatToIntBits(out[(2 + t) * lanes + s]),
                            "bits, n=" + n + " sample " + s + " tap " + t);
                }
            }
            for (int i = 0; i < 2 * lanes; i++) {
                assertEquals(before[i], out[i], 0f, "outside the taps, i=" + i);
            }
        }
    }

    /** Each lane, a sample, gets the bits that subsampleRow gives that sample alone. */
    @ParameterizedTest
    @MethodSource("bothOps")
    void subsampleRowInLanesGivesEachLaneTheBitsOfSubsampleRow(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(13);
        int lanes = ops.lanes();
        for (int n : new int[] {1, 5, 14}) {
            int width = 2 * n + 1; // two input rows of a map, one column wider than the windows need
            float[][] samples = new float[lanes][];
            for (int s = 0; s < lanes; s++) {
                samples[s] = random(r, 2 * width);
            }
            float[] x = new float[2 * width * lanes];
            ops.interleave(samples, 0, 0, 2 * width, x, 0);
            float[] y = random(r, (n + 2) * lanes);
            float[] expectedTail = java.util.Arrays.copyOfRange(y, (n + 1) * lanes, y.length);
            ops.subsampleRowInLanes(x, 0, width * lanes, 0.7f, -0.2f, y, lanes, n);
            for (int s = 0; s < lanes; s++) {
                float[] alone = new float[n];
                ops.subsampleRow(samples[s], 0, width, 0.7f, -0.2f, alone, 0, n);
                for (int j = 0; j < n; j++) {
                    assertEquals(Float.floatToRawIntBits(alone[j]), Float.floatToRawIntBits(y[(1 + j) * lanes + s]),
                            "n=" + n + " lane " + s + " output " + j);
                }
            }
            assertBitsEqual(expectedTail, java.util.Arrays.copyOfRange(y, (n + 1) * lanes, y.length), "past the row");
        }
    }

    /**
     * ReLU forward and backward, whole vectors and a tail, against Math.max and the branch they replace, bit for bit:
     * zeros of both signs, NaN and values on both sides of 0.
     */
    @ParameterizedTest
    @MethodSource("bothOps")
    void reluIsMathMaxAndItsGradientPassesOnlyAbove0(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(23);
        for (int n : new int[] {1, 7, 3 * ops.lanes() + 5}) {
            float[] x = random(r, n);
            x[0] = -0f;
            if (n > 2) {
                x[1] = 0f;
                x[2] = Float.NaN;
            }
            float[] dy = random(r, n);
            float[] y = new float[n];
            float[] dx = random(r, n);
            ops.relu(x, y, n);
            ops.reluBackward(x, dy, dx, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(Math.max(0f, x[i])), Float.floatToRawIntBits(y[i]), "n=" + n + " y" + i);
                assertEquals(Float.floatToRawIntBits(x[i] > 0 ? dy[i] : 0f), Float.floatToRawIntBits(dx[i]),
                        "n=" + n + " dx" + i);
            }
        }
    }

    /**
     * Adam's step, whole vectors and a tail, from offsets that are not a vector's multiple, against the scalar form
     * bit for bit: zero gradients and moments in float's subnormal range included.
     */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void adamStepGivesTheScalarFormsBits(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(29);
        for (int n : LENGTHS) {
            for (int from : new int[] {0, 3}) {
                int size = from + n;
                float[] g = random(r, size);
                float[] m = random(r, size);
                float[] v = random(r, size);
                float[] w = random(r, size);
                for (int i = 0; i < size; i++) {
                    v[i] = Math.abs(v[i]);
                    if (i % 5 == 1) {
                        g[i] = 0f;
                        m[i] = Float.MIN_NORMAL * 0.37f * (i % 2 == 0 ? 1 : -1); // subnormal
                        v[i] = Float.MIN_NORMAL * 0.81f;
                    }
                }
                float[][] expected = {w.clone(), m.clone(), v.clone()};
                ScalarOps.INSTANCE.adamStep(expected[0], g, expected[1], expected[2], from, size, 0.7f, 0.99f, 1.43f,
                        1.97f, 1.5e-2f, 1e-8f);
                ops.adamStep(w, g, m, v, from, size, 0.7f, 0.99f, 1.43f, 1.97f, 1.5e-2f, 1e-8f);
                assertBitsEqual(expected[0], w, "w, n=" + n + " from " + from);
                assertBitsEqual(expected[1], m, "m, n=" + n + " from " + from);
                assertBitsEqual(expected[2], v, "v, n=" + n + " from " + from);
            }
        }
    }

    /**
     * Max-pooling in lanes, forward and backward, against a scalar argmax on each sample alone: inputs drawn from
     * {0, 1, 2} so that most windows tie (ReLU's zeros do), and the first of the tied inputs must win.
     */
    @ParameterizedTest
    @MethodSource("bothOps")
    void maxPoolInLanesPicksEachWindowsFirstLargestAndSendsTheGradientThere(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(19);
        int lanes = ops.lanes();
        for (int n : new int[] {1, 5, 14}) {
            int width = 2 * n;
            float[][] samples = new float[lanes][];
            float[][] gradients = new float[lanes][];
            for (int s = 0; s < lanes; s++) {
                samples[s] = new float[2 * width];
                for (int i = 0; i < samples[s].length; i++) {
                    samples[s][i] = r.nextInt(3);
                }
                gradients[s] = random(r, n);
            }
            float[] x = new float[2 * width * lanes];
            float[] g = new float[(n + 1) * lanes];
            ops.interleave(samples, 0, 0, 2 * width, x, 0);
            ops.interleave(gradients, 0, 0, n, g, lanes); // one position in, to check gOff
            float[] y = random(r, (n + 2) * lanes);
            float[] expectedTail = java.util.Arrays.copyOfRange(y, (n + 1) * lanes, y.length);
            float[] dx = random(r, x.length);
            ops.maxPoolRowInLanes(x, 0, width * lanes, y, lanes, n);
            ops.maxPoolBackwardRowInLanes(x, 0, width * lanes, g, lanes, dx, n);
            for (int s = 0; s < lanes; s++) {
                for (int j = 0; j < n; j++) {
                    int[] window = {2 * j, 2 * j + 1, width + 2 * j, width + 2 * j + 1};
                    int first = window[0];
                    for (int w : window) {
                        first = samples[s][w] > samples[s][first] ? w : first;
                    }
                    String where = "n=" + n + " lane " + s + " output " + j;
                    assertEquals(samples[s][first], y[(1 + j) * lanes + s], where);
                    for (int w : window) {
                        assertEquals(w == first ? gradients[s][j] : 0f, dx[w * lanes + s], where + " input " + w);
                    }
                }
            }
            assertBitsEqual(expectedTail, java.util.Arrays.copyOfRange(y, (n + 1) * lanes, y.length), "past the row");
        }
    }

    /**
     * A whole map of a group in lanes: every lane's input gradient is the bits subsampleBackward gives that sample alone
     * (scale · g, written four times), and the returned coefficient gradient is the sum of the samples' own.
     */
    @ParameterizedTest
    @MethodSource("bothOps")
    void subsampleBackwardInLanesGivesEachLaneItsOwnGradients(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(17);
        int lanes = ops.lanes();
        for (int n : new int[] {1, 5, 14}) {
            int rows = n == 1 ? 1 : 3;
            int width = 2 * n; // a map's input rows: the windows cover them exactly, as in S2 and S4
            float[][] xs = new float[lanes][];
            float[][] gs = new float[lanes][];
            for (int s = 0; s < lanes; s++) {
                xs[s] = random(r, 2 * rows * width);
                gs[s] = random(r, rows * n);
            }
            float[] x = new float[2 * rows * width * lanes];
            float[] g = new float[rows * n * lanes];
            ops.interleave(xs, 0, 0, 2 * rows * width, x, 0);
            ops.interleave(gs, 0, 0, rows * n, g, 0);
            float[] dx = new float[x.length];
            float coef = ops.subsampleBackwardInLanes(x, 0, width, g, 0, rows, n, 0.7f, null, dx);
            double expectedCoef = 0;
            double magnitude = 0;
            for (int s = 0; s < lanes; s++) {
                float[] alone = new float[2 * rows * width];
                float own = ops.subsampleBackward(xs[s], 0, width, gs[s], 0, rows, n, 0.7f, alone);
                expectedCoef += own;
                magnitude += Math.abs(own);
                for (int i = 0; i < alone.length; i++) {
                    assertEquals(Float.floatToRawIntBits(alone[i]), Float.floatToRawIntBits(dx[i * lanes + s]),
                            "n=" + n + " lane " + s + " input " + i);
                }
            }
            assertEquals(expectedCoef, coef, 1e-5 * (1 + magnitude), "n=" + n + " coefficient gradient");
        }
    }

    /**
     * Through the tanh that made x (S2 after C1's tanh): one sweep gives the bits of the subsampling's backward pass
     * followed by the tanh's, and the same coefficient gradient.
     */
    @ParameterizedTest
    @MethodSource("bothOps")
    void subsampleBackwardThroughATanhIsBothPassesInOne(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(18);
        RationalTanh f = RationalTanh.scaled(1.7159f, 2f / 3);
        int lanes = ops.lanes();
        int n = 5;
        int rows = 3;
        int width = 2 * n + 2; // two inputs past the windows' columns, untouched
        float[] x = random(r, 2 * rows * width * lanes + 7);
        ops.scaledTanh(f, x, 0, x, 0, x.length);
        float[] g = random(r, rows * n * lanes);
        float[] twoPasses = random(r, x.length);
        float[] oneSweep = twoPasses.clone();
        float coef = ops.subsampleBackwardInLanes(x, 0, width, g, 0, rows, n, 0.7f, null, twoPasses);
        ops.scaledTanhBackward(f, x, twoPasses.clone(), twoPasses, x.length);
        float fusedCoef = ops.subsampleBackwardInLanes(x, 0, width, g, 0, rows, n, 0.7f, f, oneSweep);
        assertEquals(coef, fusedCoef);
        for (int i = 0; i < 2 * rows * width * lanes; i++) {
            if (i / lanes % width < 2 * n) { // a window's input
                assertEquals(Float.floatToRawIntBits(twoPasses[i]), Float.floatToRawIntBits(oneSweep[i]), "input " + i);
            }
        }
    }

    /** Pure data movement, so exactly the plain loops' floats, at every length (16-position blocks and the rest). */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void interleaveAndDeinterleaveMoveEverySamplesFloats(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(11);
        int lanes = ops.lanes();
        for (int n : new int[] {0, 1, 15, 16, 17, 40, 1176}) {
            float[][] samples = new float[lanes + 2][];
            for (int s = 0; s < samples.length; s++) {
                samples[s] = random(r, n + 5);
            }
            float[] out = random(r, (n + 1) * lanes + 3);
            float[] expected = out.clone();
            for (int p = 0; p < n; p++) {
                for (int s = 0; s < lanes; s++) {
                    expected[3 + p * lanes + s] = samples[1 + s][2 + p];
                }
            }
            ops.interleave(samples, 1, 2, n, out, 3);
            assertBitsEqual(expected, out, "interleave n=" + n);

            float[][] back = new float[lanes + 2][n + 5];
            float[][] backExpected = new float[lanes + 2][n + 5];
            for (int p = 0; p < n; p++) {
                for (int s = 0; s < lanes; s++) {
                    backExpected[1 + s][4 + p] = out[3 + p * lanes + s];
                }
            }
            ops.deinterleave(out, 3, n, back, 1, 4);
            for (int s = 0; s < back.length; s++) {
                assertBitsEqual(backExpected[s], back[s], "deinterleave n=" + n + " sample " + s);
            }
        }
    }

    /** Zero rows outside the band: skipping their products changes nothing but the sign of a zero. */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void convolveBandMatchesConvolvePlaneWhenTheRowsOutsideTheBandAreZero(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(7);
        for (int stride : new int[] {14, 16, 32}) {
            for (int rows : new int[] {1, 5, 14}) {
                int k = 5;
                int n = rows * stride;
                float[] w = random(r, k * k);
                float[] x = new float[(rows + k) * stride + k];
                int firstRow = 2;
                int endRow = Math.min(rows + k - 1, firstRow + 7);
                for (int i = firstRow * stride + k - 1; i < endRow * stride; i++) {
                    x[i] = (float) r.nextDouble(-1, 1);
                }
                float[] y = random(r, n);
                float[] expected = y.clone();
                ops.convolvePlane(w, 0, k, x, 0, stride, expected, 0, n);
                ops.convolveBand(w, 0, k, x, 0, stride, firstRow, endRow, y, 0, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(expected[i], y[i], 0f, "stride=" + stride + " rows=" + rows + " i=" + i);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("vectorOps")
    void correlateRowMatchesTheScalarPath(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : LENGTHS) {
            for (int k : new int[] {3, 5}) {
                float[] g = random(r, n + 2);
                float[] x = random(r, n + k + 3);
                float[] expected = new float[k];
                ScalarOps.INSTANCE.correlateRow(g, 1, x, 2, k, n, expected, 0);
                int lanes = ops.lanes();
                float[] out = random(r, 1 + k * lanes); // added to
                float[] before = new float[k];
                for (int v = 0; v < k; v++) {
                    for (int l = 0; l < lanes; l++) {
                        before[v] += out[1 + v * lanes + l];
                    }
                }
                ops.correlateRow(g, 1, x, 2, k, n, out, 1); // lane-expanded: tap v in out[1 + v·lanes ..]
                for (int v = 0; v < k; v++) {
                    float sum = 0;
                    for (int l = 0; l < lanes; l++) {
                        sum += out[1 + v * lanes + l];
                    }
                    assertEquals(before[v] + expected[v], sum, 1e-6f * (n + lanes) + 1e-6f, "n=" + n + " k=" + k + " v=" + v);
                }
            }
        }
    }

    /** Whole rows in whole vectors take the column-by-column path; other strides and lengths go row by row. */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void correlatePlaneMatchesTheScalarPathAndCorrelateRowByRow(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(6);
        int lanes = ops.lanes();
        for (int stride : new int[] {14, 16, 32}) {
            for (int n : new int[] {0, 7, stride, 4 * stride, 10 * stride, 10 * stride + 3, 28 * stride}) {
                for (int k : new int[] {3, 5}) {
                    float[] g = random(r, n + 2);
                    float[] x = random(r, n + (k - 1) * stride + k + 3);
                    float[] expected = new float[k * k];
                    ScalarOps.INSTANCE.correlatePlane(g, 1, x, 2, stride, k, n, expected, 0);
                    float[] out = random(r, 1 + k * k * lanes); // added to
                    float[] initial = out.clone();
                    float[] byRows = out.clone();
                    ops.correlatePlane(g, 1, x, 2, stride, k, n, out, 1);
                    for (int u = 0; u < k; u++) {
                        ops.correlateRow(g, 1, x, 2 + u * stride, k, n, byRows, 1 + u * k * lanes);
                    }
                    for (int t = 0; t < k * k; t++) {
                        float before = 0;
                        float sum = 0;
                        float sumByRows = 0;
                        for (int l = 0; l < lanes; l++) {
                            before += initial[1 + t * lanes + l];
                            sum += out[1 + t * lanes + l];
                            sumByRows += byRows[1 + t * lanes + l];
                        }
                        String where = "stride=" + stride + " n=" + n + " k=" + k + " tap=" + t;
                        float tolerance = 1e-6f * (n + lanes) + 1e-6f;
                        assertEquals(before + expected[t], sum, tolerance, where);
                        assertEquals(sumByRows, sum, tolerance, where);
                    }
                }
            }
        }
    }

    /** The same additions in the same order as axpys, each a fused multiply-add: the same bits. */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void weightedRowSumAndOuterProductsMatchAxpysBitForBit(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(8);
        for (int n : LENGTHS) {
            for (int rows : new int[] {1, 3, 4, 9, 84}) {
                float[] w = random(r, 2 + rows * n);
                float[] a = random(r, 3 + 5 * rows);
                float[] y = random(r, n + 4);
                float[] byAxpy = y.clone();
                ops.weightedRowSum(w, 2, rows, n, a, 3, y, 1);
                java.util.Arrays.fill(byAxpy, 1, 1 + n, 0f);
                for (int i = 0; i < rows; i++) {
                    ops.axpy(a[3 + i], w, 2 + i * n, byAxpy, 1, n);
                }
                assertBitsEqual(byAxpy, y, "weightedRowSum n=" + n + " rows=" + rows);

                int samples = 5;
                float[] x = random(r, 1 + samples * n);
                float[] g = random(r, 2 + rows * n);
                float[] gByAxpy = g.clone();
                ops.addOuterProducts(a, 3, x, 1, samples, rows, n, g, 2);
                for (int s = 0; s < samples; s++) {
                    for (int i = 0; i < rows; i++) {
                        ops.axpy(a[3 + s * rows + i], x, 1 + s * n, gByAxpy, 2 + i * n, n);
                    }
                }
                assertBitsEqual(gByAxpy, g, "addOuterProducts n=" + n + " rows=" + rows);
                float[] scalar = gByAxpy.clone();
                ScalarOps.INSTANCE.weightedRowSum(w, 2, rows, n, a, 3, scalar, 1);
                for (int j = 0; j < n; j++) {
                    assertEquals(scalar[1 + j], y[1 + j], 1e-6f * rows, "scalar weightedRowSum n=" + n + " j=" + j);
                }
            }
        }
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), what + " i=" + i);
        }
    }

    /** Forward: the same additions in the same order, so the same bits; backward's gradient of scale: a sum. */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void subsampleRowAndSubsampleBackwardMatchTheScalarPath(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(10);
        for (int n : new int[] {0, 1, 3, 5, 7, 8, 9, 12, 14, 17, 40}) {
            int width = 2 * n + 3;
            float[] x = random(r, 2 * width + 2); // the two rows at 1 and 1 + width
            float[] expected = random(r, n + 3);
            float[] y = expected.clone();
            ScalarOps.INSTANCE.subsampleRow(x, 1, 1 + width, 0.7f, -0.2f, expected, 2, n);
            ops.subsampleRow(x, 1, 1 + width, 0.7f, -0.2f, y, 2, n);
            assertBitsEqual(expected, y, "subsampleRow n=" + n);

            int rows = 3;
            float[] g = random(r, rows * n + 1);
            float[] map = random(r, 1 + 2 * rows * width);
            float[] expectedDx = random(r, map.length);
            float[] dx = expectedDx.clone();
            float expectedGradient = ScalarOps.INSTANCE.subsampleBackward(map, 1, width, g, 1, rows, n, 0.7f, expectedDx);
            float gradient = ops.subsampleBackward(map, 1, width, g, 1, rows, n, 0.7f, dx);
            assertBitsEqual(expectedDx, dx, "subsampleBackward dx n=" + n);
            assertEquals(expectedGradient, gradient, 1e-6f * (rows * n + 1), "subsampleBackward gradient n=" + n);
        }
    }

    @ParameterizedTest
    @MethodSource("vectorOps")
    void scaledTanhMatchesTheScalarPath(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(4);
        for (int n : LENGTHS) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) r.nextDouble(-12, 12); // into both saturated tails
            }
            float[] expected = new float[n];
            float[] actual = new float[n];
            RationalTanh f = RationalTanh.scaled(1.7159f, 2f / 3);
            ScalarOps.INSTANCE.scaledTanh(f, x, 0, expected, 0, n);
            ops.scaledTanh(f, x, 0, actual, 0, n);
            for (int i = 0; i < n; i++) {
                // the same rational function; only fused multiply-adds round differently, by a few ulps where p's
                // terms cancel (6 near x = 6)
                assertEquals(expected[i], actual[i], 8 * Math.ulp(expected[i]), "x=" + x[i]);
                assertEquals(f.a * Math.tanh((double) f.s * x[i]), actual[i], 4e-7 * f.a, "x=" + x[i]);
                assertEquals(f.applyFused(x[i]), actual[i], "x=" + x[i] + ": the bits of the fused steps");
            }
            float[] inPlace = x.clone(); // in place, a tail cannot be computed twice: the same bits another way
            ops.scaledTanh(f, inPlace, 0, inPlace, 0, n);
            assertEquals(java.util.Arrays.toString(actual), java.util.Arrays.toString(inPlace), "in place, n=" + n);
        }
    }

    @ParameterizedTest
    @MethodSource("vectorOps")
    void scaledTanhBackwardMatchesTheScalarPath(FloatOps ops) {
        SplittableRandom r = new SplittableRandom(5);
        RationalTanh f = RationalTanh.scaled(1.7159f, 2f / 3);
        for (int n : LENGTHS) {
            float[] y = new float[n];
            float[] dy = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = f.apply((float) r.nextDouble(-12, 12));
                dy[i] = (float) r.nextDouble(-1, 1);
            }
            float[] expected = new float[n];
            float[] actual = new float[n];
            ScalarOps.INSTANCE.scaledTanhBackward(f, y, dy, expected, n);
            ops.scaledTanhBackward(f, y, dy, actual, n);
            for (int i = 0; i < n; i++) {
                // f'(y) = a·s − (s/a)·y² cancels near saturation: compare on the scale of the slope at 0
                assertEquals(expected[i], actual[i], 4 * Math.ulp(f.slope()) * Math.abs(dy[i]), "y=" + y[i]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("vectorOps")
    void aNetworkOnEverySpeciesAgreesWithTheScalarNetwork(FloatOps ops) {
        var model = org.lenetbench.model.Models.lenet5();
        var params = org.lenetbench.params.Initializer.initialize(model, model.defaultInit(), 4);
        var batch = org.lenetbench.data.RandomBatches.of(model, 5, 6);
        float[] expected = new float[50];
        float[] actual = new float[50];
        try (VectorNetwork scalar = new VectorNetwork(model, 1, ScalarOps.INSTANCE);
                VectorNetwork vector = new VectorNetwork(model, 1, ops)) {
            scalar.loadParameters(params);
            vector.loadParameters(params);
            scalar.forward(batch, expected);
            vector.forward(batch, actual);
        }
        assertEquals(0, org.lenetbench.check.TensorDiff.of(actual, expected).error(), 1e-6);
    }

    /**
     * The forward pass takes a worker's samples a group (one per lane) at a time, and C3 runs such a group in lanes:
     * every sample must come out with the bits it gets alone (a batch of one runs one sample at a time), and the
     * batch includes whole groups and a partial one.
     */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void aGroupInLanesGivesEachSampleTheBitsItGetsAlone(FloatOps ops) {
        for (var model : org.lenetbench.model.Models.all()) {
            var params = org.lenetbench.params.Initializer.initialize(model, model.defaultInit(), 4);
            int n = 2 * ops.lanes() + 3;
            var batch = org.lenetbench.data.RandomBatches.of(model, n, 6);
            int classes = model.classes();
            float[] together = new float[n * classes];
            try (VectorNetwork network = new VectorNetwork(model, 1, ops)) {
                network.loadParameters(params);
                network.forward(batch, together);
                float[] alone = new float[classes];
                var one = new org.lenetbench.backend.Batch(model.input().shape(), 1);
                for (int s = 0; s < n; s++) {
                    network.forward(sampleAlone(batch, s, one), alone);
                    for (int c = 0; c < classes; c++) {
                        assertEquals(Float.floatToIntBits(alone[c]), Float.floatToIntBits(together[s * classes + c]),
                                model.name() + " sample " + s + " class " + c);
                    }
                }
            }
        }
    }

    /**
     * A whole group stays in lanes from the input through the leading layers that take it: LeNet-5's C1 to S4 with
     * their activations, LeNet-1's C1 to S4, the modern LeNet-5's C1 to its max-pooling S4 with their ReLUs; none
     * with one lane. Losing a layer from the trunk would not change a result, only the speed.
     */
    @ParameterizedTest
    @MethodSource("bothOps")
    void theLeadingLayersThatTakeLanesFormTheTrunk(FloatOps ops) {
        var expected = java.util.Map.of("lenet5-1998", 8, "lenet5", 8, "lenet5-modern", 6, "lenet1", 6);
        for (var model : org.lenetbench.model.Models.all()) {
            try (VectorNetwork network = new VectorNetwork(model, 1, ops)) {
                assertEquals(ops.lanes() > 1 ? expected.get(model.name()) : 0, network.trunk(), model.name());
            }
        }
    }

    /**
     * In LeNet-5's trunk (C1 tanh S2 tanh C3 tanh S4 tanh) every tanh's forward pass is done by the layer before it,
     * and the backward passes of the tanhs before S2 and S4 by those; the others' own passes remain.
     */
    @Test
    void inLeNet5sTrunkTheNeighboursDoTheTanhsThatTheyCan() {
        var model = org.lenetbench.model.Models.lenet5();
        List<VectorLayer> layers = new java.util.ArrayList<>();
        var params = new FloatParameters(model);
        for (int i = 0; i < model.layers().size(); i++) {
            layers.add(VectorLayer.of(model.layers().get(i), model.inputShapeOf(i), params, VectorOps.INSTANCE));
        }
        TanhFusion fusion = new TanhFusion(layers, 8);
        for (int i = 0; i < 8; i++) {
            assertEquals(i % 2 == 1, fusion.forwardSkipped(i), "forward of layer " + i);
            assertEquals(i == 1 || i == 5, fusion.backwardSkipped(i), "backward of layer " + i);
            assertEquals(i % 2 == 0 ? layers.get(i + 1).tanh() : null, fusion.squashAfter(i), "squash after " + i);
            assertEquals(i == 2 || i == 6 ? layers.get(i - 1).tanh() : null, fusion.unsquashBefore(i),
                    "unsquash before " + i);
        }
        assertEquals(false, fusion.forwardSkipped(8)); // past the trunk: C5, whole
    }

    /**
     * The backward pass takes a group at a time too, and C3 runs it in lanes. The input gradient keeps the wide
     * path's additions and order (equal to a sample's own, up to the sign of a zero); the weight gradient sums in
     * another order. A batch's mean gradients must match the mean of its samples' own, one at a time.
     */
    @ParameterizedTest
    @MethodSource("vectorOps")
    void aGroupInLanesGivesTheGradientsOfItsSamplesAlone(FloatOps ops) {
        for (var model : org.lenetbench.model.Models.all()) {
            var params = org.lenetbench.params.Initializer.initialize(model, model.defaultInit(), 4);
            int n = 2 * ops.lanes() + 3;
            var batch = org.lenetbench.data.RandomBatches.of(model, n, 7);
            try (VectorNetwork network = new VectorNetwork(model, 1, ops)) {
                network.loadParameters(params);
                var together = network.lossAndGradients(batch);
                var one = new org.lenetbench.backend.Batch(model.input().shape(), 1);
                java.util.Map<String, double[]> mean = new java.util.HashMap<>();
                double loss = 0;
                for (int s = 0; s < n; s++) {
                    var alone = network.lossAndGradients(sampleAlone(batch, s, one));
                    loss += alone.loss() / n;
                    for (String name : alone.gradients().names()) {
                        float[] g = alone.gradients().get(name).data();
                        double[] m = mean.computeIfAbsent(name, k -> new double[g.length]);
                        for (int i = 0; i < g.length; i++) {
                            m[i] += (double) g[i] / n;
                        }
                    }
                }
                assertEquals(loss, together.loss(), 1e-6 * Math.abs(loss), model.name() + " loss");
                for (String name : together.gradients().names()) {
                    float[] g = together.gradients().get(name).data();
                    double[] m = mean.get(name);
                    double scale = 0;
                    for (double v : m) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    for (int i = 0; i < g.length; i++) {
                        assertEquals(m[i], g[i], 1e-5 * scale, model.name() + " " + name + " [" + i + "]");
                    }
                }
            }
        }
    }

    /** Sample s of the batch (image and label) as the only sample of {@code one}, a batch of capacity 1. */
    private static org.lenetbench.backend.Batch sampleAlone(org.lenetbench.backend.Batch batch, int s,
            org.lenetbench.backend.Batch one) {
        int size = batch.imageShape().size();
        System.arraycopy(batch.images(), s * size, one.images(), 0, size);
        one.labels()[0] = batch.labels()[s];
        one.setSize(1);
        return one;
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        return a;
    }
}
