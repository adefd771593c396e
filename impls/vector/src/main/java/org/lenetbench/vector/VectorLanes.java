package org.lenetbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float species every vector kernel uses, and the fixed-order sum of its lanes.
 *
 * <p>The species is a {@code static final} constant, chosen once when the class loads: the preferred one, or a
 * narrower one given by {@code -Dlenet.vector.bits=128|256} (how the tests run the narrower paths, as Lucene does).
 * It must be a constant: with the species in an instance field C2 cannot compile the vector operations to vector
 * instructions, and every vector is boxed (measured: C1 forward 40× slower). The kernel families copy it into
 * {@code static final} fields of their own, which C2 folds the same way.
 */
final class VectorLanes {
    static final String BITS_PROPERTY = "lenet.vector.bits";
    static final VectorSpecies<Float> SPECIES = chooseSpecies();
    /** Floats per vector. */
    static final int COUNT = SPECIES.length();

    private VectorLanes() {
    }

    private static VectorSpecies<Float> chooseSpecies() {
        String bits = System.getProperty(BITS_PROPERTY);
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        VectorSpecies<Float> forced = VectorSpecies.of(float.class,
                jdk.incubator.vector.VectorShape.forBitSize(Integer.parseInt(bits.strip())));
        if (forced.length() > 16 || forced.length() < 4) {
            throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + bits + ": sumLanes handles 4 to 16 float lanes (128 to 512 bits)");
        }
        if (forced.vectorBitSize() > FloatVector.SPECIES_PREFERRED.vectorBitSize()) {
            throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + bits + " is wider than this CPU's "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors");
        }
        return forced;
    }

    /**
     * The sum of the lanes in a fixed order, a tree: the upper half added lane-wise to the lower (512 → 256 → 128
     * bits' worth), then lanes 2–3 onto 0–1, then lane 1 onto lane 0. {@code reduceLanes(ADD)} leaves the order
     * unspecified, and it differs between compiled and interpreted code: results would change with the JIT's
     * timing. Each step is one {@code rearrange} by a constant shuffle and a lane-wise add, and the result is lane
     * 0: taking halves with {@code reinterpretShape} instead (part 1 goes through {@code slice}) and reading lanes
     * 1–3 made this 11 % of a training step (profiled).
     *
     * <p>Written as helpers of under 35 bytecodes each (C2's MaxInlineSize): those are inlined wherever they are
     * called, however cold the call site looks in the profile. A 76-byte version was sometimes left out of line in
     * {@link FloatOps#sum}, and its vector argument boxed: 96 bytes per call, 1.5 KB per image in C3's backward, in some
     * JMH runs and not others.
     */
    static float sumLanes(FloatVector v) {
        return plus(plus(foldFour(foldEight(v)), FROM_2_ON), FROM_1_ON).lane(0);
    }

    /** The upper eight lanes added onto the lower eight (16-lane species only). */
    private static FloatVector foldEight(FloatVector v) {
        return COUNT == 16 ? plus(v, FROM_8_ON) : v;
    }

    /** Lanes 4–7 added onto lanes 0–3 (species of 8 lanes or more). */
    private static FloatVector foldFour(FloatVector v) {
        return COUNT >= 8 ? plus(v, FROM_4_ON) : v;
    }

    /** {@code v} plus its own lanes moved by the shuffle. */
    static FloatVector plus(FloatVector v, VectorShuffle<Float> move) {
        return v.add(v.rearrange(move));
    }

    // lane i takes lane i + n (wrapping: only the low lanes are used)
    private static final VectorShuffle<Float> FROM_8_ON = VectorShuffle.fromOp(SPECIES, i -> (i + 8) % COUNT);
    private static final VectorShuffle<Float> FROM_4_ON = VectorShuffle.fromOp(SPECIES, i -> (i + 4) % COUNT);
    private static final VectorShuffle<Float> FROM_2_ON = VectorShuffle.fromOp(SPECIES, i -> (i + 2) % COUNT);
    static final VectorShuffle<Float> FROM_1_ON = VectorShuffle.fromOp(SPECIES, i -> (i + 1) % COUNT);
}
