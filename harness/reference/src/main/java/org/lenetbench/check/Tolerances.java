package org.lenetbench.check;

/**
 * How close a float32 backend must come to the double-precision reference. Errors are measured per tensor
 * as {@code max_i |a_i − r_i| / max_i |r_i|} (the worst element, relative to the tensor's scale), so that
 * elements near zero are judged against their tensor rather than against themselves.
 * <ul>
 * <li>forward (scores, layer outputs) 1e-5: float32 has 6e-8 relative rounding; a LeNet forward sums at most
 *     400 products per unit through 7 layers, and tanh implementations add ~1e-7, so honest float32 code
 *     lands near 1e-6.</li>
 * <li>loss 1e-5, relative to |loss|.</li>
 * <li>gradients and curvature 1e-4: backward sums over the batch and the spatial positions (784 for C1),
 *     and differences of nearly equal numbers (p − 1 in softmax) lose digits.</li>
 * <li>updates 1e-3 of the step: parameter changes after one step are compared, not parameters, so an
 *     update that is wrong in its third digit still shows. Each element is forgiven one float32 ulp of the
 *     parameter, the resolution at which a step can be stored at all (a step of 7e-6 on a coefficient of
 *     0.6, whose ulp is 6e-8, is only known to 1 %: the vector backend showed it). For Adam, whose first
 *     step is ≈ η·sign(g), the elements whose reference gradient is below 1e-3 of the tensor's largest are
 *     left out: their sign is within float noise.</li>
 * </ul>
 */
public record Tolerances(double forward, double loss, double gradient, double update) {
    public static final Tolerances FLOAT32 = new Tolerances(1e-5, 1e-5, 1e-4, 1e-3);
}
