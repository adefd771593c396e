package org.lenetbench.jcuda.tools;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lenetbench.jcuda.profile.GpuRoofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The roofline probe's JSON: each rate with its unit and the work one sample did. */
class GpuRooflineProbeTest {
    private static final GpuRoofline.Sizes SMALL = new GpuRoofline.Sizes(11, 7, 13, 17, 3);

    @Test
    void jsonNamesUnitsAndWork() {
        GpuRoofline.Rate rate = GpuRoofline.Rate.of(new double[] {1, 2, 3});
        Map<String, Object> json = GpuRooflineProbe.toJson(new GpuRoofline.Result("a GPU", SMALL, rate, rate, rate));
        assertEquals("a GPU", json.get("device"));
        @SuppressWarnings("unchecked")
        Map<String, Object> peak = (Map<String, Object>) json.get("fmaPeak");
        assertEquals("GFLOP/s", peak.get("unit"));
        assertEquals(2.0, peak.get("median"));
        assertTrue(((String) peak.get("what")).contains("11 lanes × 8 chains × 7 rounds"));
        @SuppressWarnings("unchecked")
        Map<String, Object> upload = (Map<String, Object>) json.get("uploadBandwidth");
        assertEquals("GB/s", upload.get("unit"));
        assertTrue(((String) upload.get("what")).contains("float[] of 17 on the Java heap"), (String) upload.get("what"));
    }
}
