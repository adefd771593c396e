package org.lenetbench.tfjava;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Sessions with this backend's thread settings. Intra-op threads (the parallelism inside one op: a
 * convolution, a matrix product) follow the contract's thread count; inter-op threads (independent ops run
 * side by side) are 1 by default, since LeNet's graph is a chain, and can be set with
 * {@code -Dlenet.tfjava.interOpThreads=N}.
 */
final class TfSessions {
    static final String INTER_OP_PROPERTY = "lenet.tfjava.interOpThreads";

    private TfSessions() {
    }

    static int interOpThreads() {
        String value = System.getProperty(INTER_OP_PROPERTY, "1");
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + INTER_OP_PROPERTY + "=" + value + ": expected a thread count ≥ 1");
    }

    static Session open(Graph graph, int intraOpThreads) {
        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads())
                .build();
        return new Session(graph, config);
    }
}
