package org.lenetbench.cli;

import java.nio.file.NoSuchFileException;

/** One-line descriptions of the failures a user can cause or fix. */
final class Messages {
    private Messages() {
    }

    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile() + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.toString();
        }
        return message;
    }
}
