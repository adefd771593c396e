package org.lenetbench.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RationalTanhTest {
    private static final RationalTanh LECUN = RationalTanh.scaled(1.7159f, 2f / 3);

    @Test
    void isWithinFourTenMillionthsOfMathTanhEverywhere() {
        assertTrue(worstError(RationalTanh.TANH) < 4e-7, "max |error| " + worstError(RationalTanh.TANH));
    }

    /** Folding a and s into the coefficients rounds them once more; the error stays below 4e-7 of a. */
    @Test
    void theScaledTanhOfLeNet5IsAsCloseForItsScale() {
        double worst = worstError(LECUN);
        assertTrue(worst < 4e-7 * 1.7159, "max |error| " + worst);
    }

    private static double worstError(RationalTanh f) {
        double worst = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f;
            worst = Math.max(worst, Math.abs(f.apply(x) - f.a * Math.tanh((double) f.s * x)));
        }
        return worst;
    }

    @Test
    void isOddSaturatesAndIsExactAtZero() {
        RationalTanh tanh = RationalTanh.TANH;
        assertEquals(0f, tanh.apply(0f));
        assertEquals(-tanh.apply(0.3f), tanh.apply(-0.3f));
        assertEquals(1f, tanh.apply(50f), 1e-6f);
        assertEquals(-1f, tanh.apply(Float.NEGATIVE_INFINITY), 1e-6f);
        assertEquals(1.7159f, LECUN.apply(1e6f), 1e-6f);
    }

    @Test
    void theDerivativeFromTheOutputIsThatOfTheFunction() {
        for (float x = -6; x <= 6; x += 0.25f) {
            double expected = 1.7159 * (2.0 / 3) / Math.pow(Math.cosh(2.0 / 3 * x), 2);
            assertEquals(expected, LECUN.derivative(LECUN.apply(x)), 2e-6, "x=" + x);
        }
    }

    @Test
    void refusesAScaleItCannotClamp() {
        assertThrows(IllegalArgumentException.class, () -> RationalTanh.scaled(1, 0));
        assertThrows(IllegalArgumentException.class, () -> RationalTanh.scaled(1, -1));
        assertThrows(IllegalArgumentException.class, () -> RationalTanh.scaled(0, 1));
    }
}
