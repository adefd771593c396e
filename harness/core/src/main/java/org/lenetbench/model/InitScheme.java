package org.lenetbench.model;

/**
 * How the harness draws initial parameters from a seed (see {@code org.lenetbench.params.Initializer}).
 * Every weight and bias of a unit with fan-in F is drawn uniformly from [−b, +b]:
 * <ul>
 * <li>{@link #LECUN98}: b = 2.4 / F — the paper's rule (LeCun et al. 1998). C3's fan-in differs per map
 *     (3, 4 or 6 input maps × 25); a trainable subsampling unit has F = window² = 4.</li>
 * <li>{@link #PYTORCH}: b = 1 / √F — PyTorch's default for {@code Conv2d} and {@code Linear}
 *     (kaiming_uniform with a = √5), weights and biases alike.</li>
 * </ul>
 */
public enum InitScheme {
    LECUN98,
    PYTORCH;

    public double bound(int fanIn) {
        return switch (this) {
            case LECUN98 -> 2.4 / fanIn;
            case PYTORCH -> 1.0 / Math.sqrt(fanIn);
        };
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
