package org.lenetbench.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RationalTanhTest {

    @Test
    void isWithinFourTenMillionthsOfMathTanhEverywhere() {
        double worst = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f * 1.0f;
            double error = Math.abs(RationalTanh.tanh(x) - Math.tanh(x));
            worst = Math.max(worst, error);
        }
        assertTrue(worst < 4e-7, "max |error| " + worst);
    }

    @Test
    void isOddSaturatesAndIsExactAtZero() {
        assertEquals(0f, RationalTanh.tanh(0f));
        assertEquals(-RationalTanh.tanh(0.3f), RationalTanh.tanh(-0.3f));
        assertEquals(1f, RationalTanh.tanh(50f), 1e-6f);
        assertEquals(-1f, RationalTanh.tanh(Float.NEGATIVE_INFINITY), 1e-6f);
    }
}
