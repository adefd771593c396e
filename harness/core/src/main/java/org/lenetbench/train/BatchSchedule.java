package org.lenetbench.train;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The batch size of every epoch: epoch 1 trains with the first size, epoch 2 with the second, and the last size holds
 * for every later epoch ({@code [64]}: always 64; {@code [64, 128, 256]}: a batch that grows). The trainer applies it;
 * a backend sees only batches of whatever size arrives, which the conformance kit checks by changing the size between
 * optimizer steps.
 */
public record BatchSchedule(List<Integer> sizes) {
    public BatchSchedule {
        sizes = List.copyOf(sizes);
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("a batch schedule needs at least one batch size");
        }
        for (int size : sizes) {
            if (size < 1) {
                throw new IllegalArgumentException("batch sizes must be ≥ 1, got " + sizes);
            }
        }
    }

    public static BatchSchedule constant(int size) {
        return new BatchSchedule(List.of(size));
    }

    /** The batch size of {@code epoch} (0-based). */
    public int sizeFor(int epoch) {
        return sizes.get(Math.min(epoch, sizes.size() - 1));
    }

    public int first() {
        return sizes.getFirst();
    }

    public boolean isConstant() {
        return sizes.stream().distinct().count() == 1;
    }

    /** "64", or "64, 128 then 256 by epoch". */
    public String describe() {
        if (isConstant()) {
            return Integer.toString(first());
        }
        String earlier = sizes.subList(0, sizes.size() - 1).stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
        return earlier + " then " + sizes.getLast() + " by epoch";
    }
}
