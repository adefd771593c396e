package org.lenetbench.tfjava;

import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Output;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.model.Shape;

/**
 * Where one canonical parameter lives inside TensorFlow, and the copy between the two layouts. Activations
 * are NHWC inside (the only fast convolution layout on TensorFlow's CPU kernels), so:
 * <ul>
 * <li>convolution weights {@code [out, in, kh, kw]} become HWIO {@code [kh, kw, in, out]};</li>
 * <li>fully connected weights {@code [out, C·H·W]}, whose columns follow the canonical (C, H, W) flattening,
 *     become {@code [H·W·C, out]} with rows in NHWC flattening order, so that {@code y = x·W} needs no
 *     transpose of the activations;</li>
 * <li>everything else (biases, subsampling coefficients, RBF centres) keeps its layout.</li>
 * </ul>
 * Conversions happen when parameters are loaded or read, never inside a training step.
 */
record TfLayout(ParameterSpec spec, long[] tfShape, Kind kind, Shape input) {

    enum Kind { SAME, CONV_HWIO, DENSE_HWC_BY_OUT }

    static TfLayout of(ModelSpec model, ParameterSpec spec) {
        String layerName = spec.name().substring(0, spec.name().lastIndexOf('.'));
        Layer layer = model.layer(layerName);
        Shape in = model.inputShapeOf(layerName);
        int[] s = spec.shape();
        boolean weight = spec.name().endsWith(".weight");
        if (weight && layer instanceof Convolution) {
            return new TfLayout(spec, new long[] {s[2], s[3], s[1], s[0]}, Kind.CONV_HWIO, in);
        }
        if (weight && (layer instanceof FullyConnected || layer instanceof Output)) {
            return new TfLayout(spec, new long[] {s[1], s[0]}, Kind.DENSE_HWC_BY_OUT, in);
        }
        long[] same = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            same[i] = s[i];
        }
        return new TfLayout(spec, same, Kind.SAME, in);
    }

    /** Canonical → TensorFlow layout. */
    float[] toTf(float[] canonical) {
        float[] tf = new float[canonical.length];
        switch (kind) {
            case SAME -> System.arraycopy(canonical, 0, tf, 0, canonical.length);
            case CONV_HWIO -> forEachConv((c, t) -> tf[t] = canonical[c]);
            case DENSE_HWC_BY_OUT -> forEachDense((c, t) -> tf[t] = canonical[c]);
        }
        return tf;
    }

    /** TensorFlow → canonical layout. */
    float[] toCanonical(float[] tf) {
        float[] canonical = new float[tf.length];
        switch (kind) {
            case SAME -> System.arraycopy(tf, 0, canonical, 0, tf.length);
            case CONV_HWIO -> forEachConv((c, t) -> canonical[c] = tf[t]);
            case DENSE_HWC_BY_OUT -> forEachDense((c, t) -> canonical[c] = tf[t]);
        }
        return canonical;
    }

    private interface IndexPair {
        void apply(int canonical, int tf);
    }

    private void forEachConv(IndexPair pair) {
        int[] s = spec.shape();
        int outs = s[0], ins = s[1], kh = s[2], kw = s[3];
        for (int o = 0; o < outs; o++) {
            for (int i = 0; i < ins; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        pair.apply(((o * ins + i) * kh + y) * kw + x, ((y * kw + x) * ins + i) * outs + o);
                    }
                }
            }
        }
    }

    private void forEachDense(IndexPair pair) {
        int outs = spec.shape()[0];
        int channels = input.channels(), height = input.height(), width = input.width();
        for (int o = 0; o < outs; o++) {
            for (int c = 0; c < channels; c++) {
                for (int h = 0; h < height; h++) {
                    for (int w = 0; w < width; w++) {
                        int chw = (c * height + h) * width + w;
                        int hwc = (h * width + w) * channels + c;
                        pair.apply(o * channels * height * width + chw, hwc * outs + o);
                    }
                }
            }
        }
    }

    /** The TensorFlow shape of one sample's activations: {@code [H, W, C]}, or {@code [C]} for a vector. */
    static long[] activationShape(Shape s, long batch) {
        return isVector(s) ? new long[] {batch, s.channels()} : new long[] {batch, s.height(), s.width(), s.channels()};
    }

    static boolean isVector(Shape s) {
        return s.height() == 1 && s.width() == 1;
    }

    /** NCHW (the contract's layout) → NHWC, for {@code batch} samples of shape {@code s}. */
    static void nchwToNhwc(float[] src, float[] dst, int batch, Shape s) {
        int c = s.channels(), hw = s.height() * s.width();
        for (int n = 0; n < batch; n++) {
            int base = n * c * hw;
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < hw; p++) {
                    dst[base + p * c + ch] = src[base + ch * hw + p];
                }
            }
        }
    }

    /** NHWC → NCHW. */
    static void nhwcToNchw(float[] src, float[] dst, int batch, Shape s) {
        int c = s.channels(), hw = s.height() * s.width();
        for (int n = 0; n < batch; n++) {
            int base = n * c * hw;
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < hw; p++) {
                    dst[base + ch * hw + p] = src[base + p * c + ch];
                }
            }
        }
    }
}
