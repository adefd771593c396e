package org.lenetbench.vector;

/**
 * tanh as a rational function, p(x)/q(x) with p odd of degree 13 and q even of degree 6, for |x| clamped to
 * 7.9053 (beyond which tanh rounds to ±1 in float). The coefficients are those of Eigen's float tanh. Max
 * absolute error 3.9e-7 over [−10, 10] (the test checks it). Why not {@code Math.tanh} or the Vector API's
 * TANH: this uses only +, ×, fma and ÷, which are exact IEEE operations in the interpreter and in compiled
 * code alike, so results do not depend on when the JIT compiled what — the backend stays bit-identical run
 * to run. (The Vector API's TANH is an SVML intrinsic once compiled and Math.tanh per lane before.)
 */
final class RationalTanh {
    static final float CLAMP = 7.90531110763549805f;
    static final float P1 = 4.89352455891786e-03f;
    static final float P3 = 6.37261928875436e-04f;
    static final float P5 = 1.48572235717979e-05f;
    static final float P7 = 5.12229709037114e-08f;
    static final float P9 = -8.60467152213735e-11f;
    static final float P11 = 2.00018790482477e-13f;
    static final float P13 = -2.76076847742355e-16f;
    static final float Q0 = 4.89352518554385e-03f;
    static final float Q2 = 2.26843463243900e-03f;
    static final float Q4 = 1.18534705686654e-04f;
    static final float Q6 = 1.19825839466702e-06f;

    private RationalTanh() {
    }

    static float tanh(float x) {
        float t = Math.max(-CLAMP, Math.min(CLAMP, x));
        float t2 = t * t;
        float p = P13;
        p = p * t2 + P11;
        p = p * t2 + P9;
        p = p * t2 + P7;
        p = p * t2 + P5;
        p = p * t2 + P3;
        p = p * t2 + P1;
        p = p * t;
        float q = Q6;
        q = q * t2 + Q4;
        q = q * t2 + Q2;
        q = q * t2 + Q0;
        return p / q;
    }
}
