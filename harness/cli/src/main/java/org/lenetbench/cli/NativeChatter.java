package org.lenetbench.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines native libraries print on standard error as they start that tell a user nothing: informational log
 * lines, and the warnings about the libraries' own internals. Every other line — a real warning, an error, a crash —
 * is shown.
 */
final class NativeChatter {
    private static final List<Pattern> LINES = List.of(
            // glog / absl informational lines (TensorFlow, XLA): I1206 03:39:44.572 … or I0000 00:00:… before set-up
            Pattern.compile("^I\\d{4} [\\d:.]+ +\\d+ \\S+:\\d+\\] .*"),
            // absl's notice that it has not been set up yet (TensorFlow)
            Pattern.compile("^WARNING: All log messages before absl::InitializeLog\\(\\) is called are written to STDERR$"),
            // libtorch's deprecation warning about an internal API that DJL's native code calls
            Pattern.compile("^\\[W\\d{4} [\\d:.]+ LegacyTypeDispatch\\.h:\\d+\\] Warning: AutoNonVariableTypeMode is"
                    + " deprecated .*"));

    private NativeChatter() {
    }

    static boolean isChatter(String line) {
        for (Pattern pattern : LINES) {
            if (pattern.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }
}
