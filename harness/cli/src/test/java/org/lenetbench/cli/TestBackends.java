package org.lenetbench.cli;

import java.util.List;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.ForwardingBackend;
import org.lenetbench.backend.ForwardingNetwork;
import org.lenetbench.backend.Network;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.reference.ReferenceBackend;

/**
 * Backends that the CLI tests find through ServiceLoader (src/test/resources/META-INF/services), as the CLI
 * finds a real backend module.
 */
final class TestBackends {
    private TestBackends() {
    }

    /** The reference with one wrong score per batch: the cross-check must fail it. */
    public static final class WrongScores extends ForwardingBackend {
        public WrongScores() {
            super(new ReferenceBackend(), "test-wrong-scores", network -> new ForwardingNetwork(network) {
                @Override
                public void forward(Batch batch, float[] scores) {
                    delegate.forward(batch, scores);
                    scores[0] += 1f;
                }
            });
        }
    }

    /** The same wrong scores from a "third-party engine": wrong on this machine is then a finding, not our bug. */
    public static final class WrongThirdPartyScores extends ForwardingBackend {
        public WrongThirdPartyScores() {
            super(new WrongScores(), "test-wrong-engine", network -> network);
        }

        @Override
        public boolean computedByThisProject() {
            return false;
        }
    }

    /** A backend whose native library "did not load". */
    public static final class Unavailable implements Backend {
        @Override
        public String id() {
            return "test-unavailable";
        }

        @Override
        public String engine() {
            return "nothing";
        }

        @Override
        public String engineVersion() {
            return "0";
        }

        @Override
        public List<Device> devices() {
            return List.of();
        }

        @Override
        public Availability availability() {
            return Availability.unavailable("libnothing.so: cannot open shared object file");
        }

        @Override
        public Network open(ModelSpec model, Device device, int threads) {
            throw new IllegalStateException("unavailable");
        }
    }
}
