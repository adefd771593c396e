package org.lenetbench.jcuda.layers;

import java.util.ArrayList;
import java.util.List;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.Gpu;
import org.lenetbench.jcuda.gpu.Kernel;
import org.lenetbench.jcuda.gpu.Workspace;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.Shape;

/**
 * A convolution with its connection table on the device as compressed lists, so that C3 computes only its 60
 * connected map pairs in every direction. Each kernel stages an image at a time in shared memory (convolution.cu);
 * the weight and bias gradients are summed per chunk of {@value #CHUNK} images, then the chunks in order
 * ({@link BatchSum}).
 */
public final class ConvolutionLayer extends ShapedLayer {
    static final int CHUNK = 8;
    /** CONV_STAGE_FLOATS and CONV_SUMS_PER_THREAD × CONV_THREADS in convolution.cu. */
    static final int STAGE_FLOATS = 8192;
    static final int GRADIENT_SUMS = 16 * 256;

    private final int kernel;
    private final int padding;
    private final int activation;
    private final DeviceBuffer weight;
    private final DeviceBuffer bias;
    private final DeviceBuffer weightGradient;
    private final DeviceBuffer biasGradient;
    private final DeviceBuffer inStart;
    private final DeviceBuffer inputsOf;
    private final DeviceBuffer outStart;
    private final DeviceBuffer outputsOf;
    private final DeviceBuffer connected;
    private final Workspace weightPartial;
    private final Workspace biasPartial;
    private final BatchSum weightSum;
    private final BatchSum biasSum;

    /** {@code activation}: what the forward pass applies as it stores (a {@link JcudaKinds} code). */
    ConvolutionLayer(Gpu gpu, Convolution spec, Shape in, ParameterSlices parameters, int activation) {
        super(gpu, in, spec.outputShape(in));
        this.kernel = spec.kernel();
        this.padding = spec.padding();
        this.activation = activation;
        weight = parameters.value(spec.name() + ".weight");
        bias = parameters.value(spec.name() + ".bias");
        weightGradient = parameters.gradient(spec.name() + ".weight");
        biasGradient = parameters.gradient(spec.name() + ".bias");
        int cin = in.channels();
        int cout = out.channels();
        List<Integer> inputs = new ArrayList<>();
        int[] inStarts = new int[cout + 1];
        int[] mask = new int[cout * cin];
        for (int o = 0; o < cout; o++) {
            inStarts[o] = inputs.size();
            for (int i = 0; i < cin; i++) {
                if (spec.connected(o, i)) {
                    inputs.add(i);
                    mask[o * cin + i] = 1;
                }
            }
        }
        inStarts[cout] = inputs.size();
        List<Integer> outputs = new ArrayList<>();
        int[] outStarts = new int[cin + 1];
        for (int i = 0; i < cin; i++) {
            outStarts[i] = outputs.size();
            for (int o = 0; o < cout; o++) {
                if (spec.connected(o, i)) {
                    outputs.add(o);
                }
            }
        }
        outStarts[cin] = outputs.size();
        inStart = upload(inStarts);
        inputsOf = upload(inputs.stream().mapToInt(Integer::intValue).toArray());
        outStart = upload(outStarts);
        outputsOf = upload(outputs.stream().mapToInt(Integer::intValue).toArray());
        connected = upload(mask);
        checkFits(spec.name(), in, cout);
        weightPartial = new Workspace(gpu, cout * cin * kernel * kernel);
        biasPartial = new Workspace(gpu, cout);
        weightSum = new BatchSum(gpu, cout * cin * kernel * kernel);
        biasSum = new BatchSum(gpu, cout);
    }

    /** What the staged kernels hold in shared memory and registers; the LeNet layers take a fraction of it. */
    private void checkFits(String name, Shape in, int cout) {
        int paddedWidth = in.width() + 2 * padding;
        int stride = paddedWidth + Math.floorMod(kernel - paddedWidth, 32);
        int staged = in.channels() * (in.height() + 2 * padding) * stride;
        int weights = cout * in.channels() * kernel * kernel;
        int forward = staged + weights;
        int weightGradient = staged + out.size();
        int inputGradient = cout * (in.height() + kernel - 1) * (in.width() + kernel - 1) + weights;
        int most = Math.max(forward, Math.max(weightGradient, inputGradient));
        if (most > STAGE_FLOATS || weights + cout > GRADIENT_SUMS || padding > kernel - 1) {
            throw new IllegalArgumentException("jcuda: convolution " + name + " (" + in + " to " + out + ", " + kernel
                    + "×" + kernel + ", padding " + padding + ") needs " + most + " floats of shared memory and "
                    + (weights + cout) + " gradient sums per block, and a padding below the kernel; the kernels hold "
                    + STAGE_FLOATS + " and " + GRADIENT_SUMS);
        }
    }

    private DeviceBuffer upload(int[] values) {
        DeviceBuffer buffer = gpu.allocate(values.length);
        gpu.upload(values, 0, buffer, values.length);
        return buffer;
    }

    @Override
    public void forward(DeviceBuffer x, DeviceBuffer y, int n) {
        gpu.launch(Kernel.CONV_FORWARD_STAGED, n * Kernel.CONV_FORWARD_STAGED.threadsPerBlock(),
                x, weight, bias, inStart, inputsOf, y,
                n, in.channels(), in.height(), in.width(), out.channels(), kernel, padding, out.height(), out.width(),
                activation);
    }

    @Override
    public void backward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n) {
        if (dx != null) {
            gpu.launch(Kernel.CONV_BACKWARD_INPUT_STAGED, n * Kernel.CONV_BACKWARD_INPUT_STAGED.threadsPerBlock(),
                    dy, weight, outStart, outputsOf, dx, n, in.channels(), in.height(), in.width(),
                    out.channels(), kernel, padding, out.height(), out.width());
        }
        int chunks = Math.ceilDiv(n, CHUNK);
        DeviceBuffer weights = weightPartial.forBatch(chunks);
        DeviceBuffer biases = biasPartial.forBatch(chunks);
        gpu.launch(Kernel.CONV_WEIGHT_STAGED, chunks * Kernel.CONV_WEIGHT_STAGED.threadsPerBlock(),
                x, dy, connected, weights, biases, n, CHUNK,
                in.channels(), in.height(), in.width(), out.channels(), kernel, padding, out.height(), out.width());
        weightSum.sum(weights, weightGradient, chunks);
        biasSum.sum(biases, biasGradient, chunks);
    }

    @Override
    public void close() {
        for (DeviceBuffer b : List.of(inStart, inputsOf, outStart, outputsOf, connected)) {
            gpu.free(b);
        }
        weightPartial.close();
        biasPartial.close();
        weightSum.close();
        biasSum.close();
    }
}
