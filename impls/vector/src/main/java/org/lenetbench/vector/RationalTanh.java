package org.lenetbench.vector;

/**
 * {@code a · tanh(s · x)} as a rational function, p(x)/q(x) with p odd of degree 13 and q even of degree 6, for |s·x|
 * clamped to 7.9053 (beyond which tanh rounds to ±1 in float). The coefficients are those of Eigen's float tanh,
 * with {@code s} and {@code a} folded in ({@code a·sᵏ} into p's, {@code sᵏ} into q's), which saves the two
 * multiplications per element that the scaled tanh of LeNet-5 would otherwise cost. Max absolute error 3.9e-7·a
 * over [−10, 10] (the test checks it). Why not {@code Math.tanh} or the Vector API's TANH: this uses only +, ×, fma
 * and ÷, which are exact IEEE operations in the interpreter and in compiled code alike, so results do not depend
 * on when the JIT compiled what — the backend stays bit-identical run to run. (The Vector API's TANH is an SVML
 * intrinsic once compiled and Math.tanh per lane before.)
 */
final class RationalTanh {
    // Eigen's, for a = s = 1
    private static final float CLAMP = 7.90531110763549805f;
    private static final float P1 = 4.89352455891786e-03f;
    private static final float P3 = 6.37261928875436e-04f;
    private static final float P5 = 1.48572235717979e-05f;
    private static final float P7 = 5.12229709037114e-08f;
    private static final float P9 = -8.60467152213735e-11f;
    private static final float P11 = 2.00018790482477e-13f;
    private static final float P13 = -2.76076847742355e-16f;
    private static final float Q0 = 4.89352518554385e-03f;
    private static final float Q2 = 2.26843463243900e-03f;
    private static final float Q4 = 1.18534705686654e-04f;
    private static final float Q6 = 1.19825839466702e-06f;

    /** tanh itself. */
    static final RationalTanh TANH = scaled(1f, 1f);

    final float a;
    final float s;
    final float clamp;
    final float p1, p3, p5, p7, p9, p11, p13;
    final float q0, q2, q4, q6;

    private RationalTanh(float a, float s) {
        this.a = a;
        this.s = s;
        this.clamp = CLAMP / s;
        this.p1 = fold(P1, a, s, 1);
        this.p3 = fold(P3, a, s, 3);
        this.p5 = fold(P5, a, s, 5);
        this.p7 = fold(P7, a, s, 7);
        this.p9 = fold(P9, a, s, 9);
        this.p11 = fold(P11, a, s, 11);
        this.p13 = fold(P13, a, s, 13);
        this.q0 = Q0;
        this.q2 = fold(Q2, 1, s, 2);
        this.q4 = fold(Q4, 1, s, 4);
        this.q6 = fold(Q6, 1, s, 6);
    }

    /** {@code a · tanh(s · x)}; {@code s} must be positive (the clamp is divided by it). */
    static RationalTanh scaled(float a, float s) {
        if (!(s > 0) || !Float.isFinite(s) || a == 0 || !Float.isFinite(a)) {
            throw new IllegalArgumentException("scaled tanh needs a finite a ≠ 0 and a finite s > 0, got a=" + a
                    + ", s=" + s);
        }
        return new RationalTanh(a, s);
    }

    /** {@code a · sᵏ · c}, rounded once. */
    private static float fold(float c, float a, float s, int k) {
        return (float) (a * Math.pow(s, k) * c);
    }

    /** One element, in the vector path's steps with each multiply-add rounded twice. */
    float apply(float x) {
        float t = Math.max(-clamp, Math.min(clamp, x));
        float t2 = t * t;
        float p = p13;
        p = p * t2 + p11;
        p = p * t2 + p9;
        p = p * t2 + p7;
        p = p * t2 + p5;
        p = p * t2 + p3;
        p = p * t2 + p1;
        p = p * t;
        float q = q6;
        q = q * t2 + q4;
        q = q * t2 + q2;
        q = q * t2 + q0;
        return p / q;
    }

    /**
     * {@link #apply} with each multiply-add fused ({@link Math#fma}, one rounding): the vector path's arithmetic, so
     * the same bits as a lane of it.
     */
    float applyFused(float x) {
        float t = Math.max(-clamp, Math.min(clamp, x));
        float t2 = t * t;
        float p = Math.fma(t2, p13, p11);
        p = Math.fma(p, t2, p9);
        p = Math.fma(p, t2, p7);
        p = Math.fma(p, t2, p5);
        p = Math.fma(p, t2, p3);
        p = Math.fma(p, t2, p1);
        p = p * t;
        float q = Math.fma(t2, q6, q4);
        q = Math.fma(q, t2, q2);
        q = Math.fma(q, t2, q0);
        return p / q;
    }

    /** The derivative from the output y: {@code a·s·(1 − (y/a)²) = a·s − (s/a)·y²}. */
    float derivative(float y) {
        return slope() - drop() * (y * y);
    }

    /** {@code a·s}, the slope at 0. */
    float slope() {
        return a * s;
    }

    /** {@code s/a}: how fast the slope drops with y². */
    float drop() {
        return s / a;
    }
}
