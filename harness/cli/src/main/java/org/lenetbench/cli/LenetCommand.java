package org.lenetbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** {@code lenet}: the command-line entry point. Each subcommand is a class of its own. */
@Command(name = "lenet", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, // --help on every subcommand too
        versionProvider = LenetCommand.Version.class,
        description = "LeNet on the JVM: train, evaluate and cross-check backends against the fp64 reference.",
        subcommands = {BackendsCommand.class, ModelsCommand.class, TrainCommand.class, EvalCommand.class,
            CrossCheckCommand.class, DataCommand.class, CommandLine.HelpCommand.class})
public final class LenetCommand implements Runnable {

    /** Where the native libraries' messages go unless {@code --native-log} says otherwise. */
    static final Path DEFAULT_NATIVE_LOG = Path.of(System.getProperty("user.home"), ".cache", "lenet-bench",
            "native.log");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--native-log", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Where the native libraries' standard error goes (emptied first; default "
                    + "~/.cache/lenet-bench/native.log). Their start-up chatter stays there; any other line, a real"
                    + " warning or error, is shown as well.")
    Path nativeLog;

    @Option(names = "--show-native", scope = ScopeType.INHERIT,
            description = "Leave the native libraries' standard error on the terminal, chatter and all.")
    boolean showNative;

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        cli.setExecutionStrategy(LenetCommand::runWithNativeOutputCaptured);
        System.exit(cli.execute(args));
    }

    /** Runs the command with file descriptor 2 moved to the native log (not in the tests, whose JVM this would move). */
    private static int runWithNativeOutputCaptured(ParseResult parsed) {
        if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() || matched(parsed, "--show-native")) {
            return new CommandLine.RunLast().execute(parsed);
        }
        Path log = parsed.matchedOptionValue("--native-log", DEFAULT_NATIVE_LOG);
        for (ParseResult sub = parsed; sub.hasSubcommand(); ) {
            sub = sub.subcommand();
            log = sub.matchedOptionValue("--native-log", log);
        }
        NativeOutput output;
        try {
            output = NativeOutput.capture(log);
        } catch (IOException | RuntimeException e) {
            System.err.println("lenet: the native libraries' messages stay on the terminal: could not move them to "
                    + log + ": " + Messages.describe(e));
            return new CommandLine.RunLast().execute(parsed);
        }
        try (output) {
            return new CommandLine.RunLast().execute(parsed);
        } catch (IOException e) {
            throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(),
                    "putting standard error back from " + log + " failed", e);
        }
    }

    private static boolean matched(ParseResult parsed, String option) {
        for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
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
