package org.lenetbench.jcuda.layers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.lenetbench.jcuda.gpu.DeviceBuffer;
import org.lenetbench.jcuda.gpu.HostGpu;

import static org.junit.jupiter.api.Assertions.assertEquals;


/**
 * What the layer tests share: a layer's parameters uploaded to the host build by name, random inputs, copies, the
 * comparison with a sum done in double precision, and each case under every schedule of the shim.
 */
final class LayerFixture implements ParameterSlices, AutoCloseable {
    /** Of the sum of the terms' magnitudes: float sums of a few thousand terms stay well inside it. */
    static final double TOLERANCE = 1e-6;

    final HostGpu gpu;
    private final Map<String, float[]> values = new HashMap<>();
    private final Map<String, DeviceBuffer> buffers = new HashMap<>();

    LayerFixture(HostGpu.Schedule schedule) {
        gpu = HostGpu.open(schedule);
    }

    /** Every case of {@code cases} under every schedule: the schedule last in each case's arguments. */
    static Stream<Arguments> underEverySchedule(Stream<Arguments> cases) {
        return cases.flatMap(c -> Arrays.stream(HostGpu.Schedule.values()).map(schedule -> {
            Object[] arguments = Arrays.copyOf(c.get(), c.get().length + 1);
            arguments[arguments.length - 1] = schedule;
            return Arguments.of(arguments);
        }));
    }

    /** Random values in [-1, 1) for the parameter {@code name}, uploaded when the layer asks for it. */
    float[] parameter(String name, int length, SplittableRandom random) {
        float[] v = random(random, length);
        values.put(name, v);
        return v;
    }

    @Override
    public DeviceBuffer value(String name) {
        return buffers.computeIfAbsent(name, key -> upload(values.get(key)));
    }

    @Override
    public DeviceBuffer gradient(String name) {
        return buffers.computeIfAbsent("gradient of " + name, key -> gpu.allocate(values.get(name).length));
    }

    float[] gradientValues(String name) {
        return download(gradient(name), values.get(name).length);
    }

    DeviceBuffer upload(float[] v) {
        DeviceBuffer buffer = gpu.allocate(v.length);
        gpu.upload(v, 0, buffer, v.length);
        return buffer;
    }

    float[] download(DeviceBuffer buffer, int length) {
        float[] v = new float[length];
        gpu.download(buffer, v, 0, length);
        return v;
    }

    static float[] random(SplittableRandom random, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) v[i] = (float) random.nextDouble(-1, 1);
        return v;
    }

    /** A sum in double precision with the sum of its terms' magnitudes, which bounds a float sum's error. */
    static final class Sum {
        private double value;
        private double magnitude;

        Sum add(double term) {
            value += term;
            magnitude += Math.abs(term);
            return this;
        }

        double value() {
            return value;
        }

        double magnitude() {
            return magnitude;
        }

        void assertMatches(float actual, String what) {
            assertClose(value, magnitude, actual, what);
        }
    }

    /** {@code magnitude}: the sum of the absolute values of the terms that make up {@code expected}. */
    static void assertClose(double expected, double magnitude, float actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, magnitude), what);
    }

    @Override
    public void close() {
        gpu.close();
    }
}
