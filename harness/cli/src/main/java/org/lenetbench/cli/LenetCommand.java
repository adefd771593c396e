package org.lenetbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lenet}: the command-line entry point. Each subcommand is a class of its own. */
@Command(name = "lenet", mixinStandardHelpOptions = true, versionProvider = LenetCommand.Version.class,
        description = "LeNet on the JVM: train, evaluate and cross-check backends against the fp64 reference.",
        subcommands = {BackendsCommand.class, ModelsCommand.class, TrainCommand.class, EvalCommand.class,
            CrossCheckCommand.class, DataCommand.class, CommandLine.HelpCommand.class})
public final class LenetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also what the tests drive). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LenetCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // expected failures (bad input, missing data) get one line, not a stack trace
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("lenet " + commandLine.getCommandName() + ": " + Messages.describe(e));
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LenetCommand.class.getPackage().getImplementationVersion();
            return new String[] {"lenet-bench " + (v == null ? "(development build)" : v) + ", Java "
                    + Runtime.version()};
        }
    }
}
