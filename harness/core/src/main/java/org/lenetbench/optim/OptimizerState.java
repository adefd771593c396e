package org.lenetbench.optim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lenetbench.model.ParameterSpec;

/**
 * The harness's own implementation of {@link OptimizerSpec}'s updates, in double precision over plain
 * arrays: what the reference backend uses, and what any pure-Java backend may reuse. One instance holds
 * the state (momentum, moments, step count, curvature) of one network.
 */
public final class OptimizerState {
    private final OptimizerSpec spec;
    private final Map<String, double[]> first = new HashMap<>();
    private final Map<String, double[]> second = new HashMap<>();
    private Map<String, double[]> curvature;
    private long step;

    public OptimizerState(OptimizerSpec spec, List<ParameterSpec> trainable) {
        this.spec = spec;
        for (ParameterSpec p : trainable) {
            first.put(p.name(), new double[p.size()]);
            second.put(p.name(), new double[p.size()]);
        }
    }

    public OptimizerSpec spec() {
        return spec;
    }

    /** SDLM: the curvature h for the coming steps. */
    public void setCurvature(Map<String, double[]> h) {
        this.curvature = h;
    }

    /** Call once per training step, before {@link #update} of its parameters (Adam's t). */
    public void beginStep() {
        step++;
    }

    /** Updates {@code w} in place from its gradient {@code g}. */
    public void update(String name, double[] w, double[] g, double learningRate) {
        switch (spec) {
            case OptimizerSpec.Sgd sgd -> {
                double[] v = first.get(name);
                for (int i = 0; i < w.length; i++) {
                    v[i] = sgd.momentum() * v[i] + g[i];
                    w[i] -= learningRate * v[i];
                }
            }
            case OptimizerSpec.Adam adam -> {
                if (step == 0) {
                    throw new IllegalStateException("Adam: beginStep() was not called");
                }
                double[] m = first.get(name);
                double[] v = second.get(name);
                double correction1 = 1 - Math.pow(adam.beta1(), step);
                double correction2 = 1 - Math.pow(adam.beta2(), step);
                for (int i = 0; i < w.length; i++) {
                    m[i] = adam.beta1() * m[i] + (1 - adam.beta1()) * g[i];
                    v[i] = adam.beta2() * v[i] + (1 - adam.beta2()) * g[i] * g[i];
                    double mHat = m[i] / correction1;
                    double vHat = v[i] / correction2;
                    w[i] -= learningRate * mHat / (Math.sqrt(vHat) + adam.epsilon());
                }
            }
            case OptimizerSpec.Sdlm sdlm -> {
                if (curvature == null) {
                    throw new IllegalStateException("SDLM: no curvature estimate set before the step "
                            + "(the trainer estimates it before every epoch)");
                }
                double[] h = curvature.get(name);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= learningRate / (sdlm.mu() + h[i]) * g[i];
                }
            }
        }
    }
}
