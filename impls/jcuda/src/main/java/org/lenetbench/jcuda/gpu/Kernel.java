package org.lenetbench.jcuda.gpu;

/**
 * Every CUDA kernel the backend launches: the {@code .cu} file (= PTX module) it lives in and its entry name.
 * The argument lists are those of the {@code extern "C" __global__} functions in src/main/cuda.
 */
public enum Kernel {
    CONV_FORWARD_STAGED("convolution", "conv_forward_staged", 256),
    CONV_BACKWARD_INPUT_STAGED("convolution", "conv_backward_input_staged", 256),
    CONV_WEIGHT_STAGED("convolution", "conv_weight_staged", 256),
    SUBSAMPLE_FORWARD("subsampling", "subsample_forward"),
    SUBSAMPLE_BACKWARD_INPUT("subsampling", "subsample_backward_input"),
    SUBSAMPLE_PARAM_PARTIAL("subsampling", "subsample_param_partial", 256),
    ACTIVATION_FORWARD("activation", "activation_forward"),
    ACTIVATION_BACKWARD("activation", "activation_backward"),
    GEMM("dense", "gemm", 256),
    GEMM_PLUS_BIAS("dense", "gemm_plus_bias", 256),
    RBF_FORWARD("output", "rbf_forward"),
    RBF_BACKWARD_INPUT("output", "rbf_backward_input"),
    SOFTMAX_CROSS_ENTROPY("output", "softmax_cross_entropy"),
    MAP_LOSS("output", "map_loss"),
    SUM_OVER_BATCH("reduce", "sum_over_batch"),
    SUM_OVER_BATCH_CHUNKS("reduce", "sum_over_batch_chunks"),
    SGD_UPDATE("optimizer", "sgd_update"),
    ADAM_UPDATE("optimizer", "adam_update"),
    FMA_PEAK("roofline", "fma_peak"),
    TRIAD("roofline", "triad");

    /** {@link #threadsPerBlock()} of a kernel that works with any block size (a plain grid-stride loop). */
    static final int ANY_BLOCK_SIZE = 0;

    private final String module;
    private final String entry;
    private final int threadsPerBlock;

    Kernel(String module, String entry) {
        this(module, entry, ANY_BLOCK_SIZE);
    }

    /** A kernel written for exactly {@code threadsPerBlock} threads per block (its shared-memory tiles). */
    Kernel(String module, String entry, int threadsPerBlock) {
        this.module = module;
        this.entry = entry;
        this.threadsPerBlock = threadsPerBlock;
    }

    /** The source file's base name: {@code convolution} for convolution.cu and ptx/convolution.ptx. */
    String module() {
        return module;
    }

    public String entry() {
        return entry;
    }

    /** The block size the kernel needs, or {@link #ANY_BLOCK_SIZE}. */
    public int threadsPerBlock() {
        return threadsPerBlock;
    }

    /** The block size to launch with: the kernel's own, else {@code anySize}. */
    int blockSize(int anySize) {
        return threadsPerBlock == ANY_BLOCK_SIZE ? anySize : threadsPerBlock;
    }

    /** The committed PTX of this kernel's module, as an absolute class-path resource. */
    String ptxResource() {
        return "/org/lenetbench/jcuda/ptx/" + module + ".ptx";
    }
}
