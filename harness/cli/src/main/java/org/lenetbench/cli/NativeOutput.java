package org.lenetbench.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;

/**
 * Keeps what native libraries write on standard error (file descriptor 2) off the terminal: descriptor 2 is moved to
 * a log file, which keeps every byte even if the process dies, and a thread copies each new line of the log that is
 * not chatter ({@link NativeChatter}) to the terminal. Java's own {@code System.err} writes to the terminal directly.
 * {@link #close} puts descriptor 2 back and copies what is left.
 */
final class NativeOutput implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    private final Path log;
    private final int terminal;
    private final PrintStream javaErr;
    private final Predicate<String> shown;
    private final Thread copier;
    private volatile boolean closing;

    private NativeOutput(Path log, int terminal, PrintStream javaErr, Predicate<String> shown) {
        this.log = log;
        this.terminal = terminal;
        this.javaErr = javaErr;
        this.shown = shown;
        this.copier = Thread.ofPlatform().daemon().name("native-output").unstarted(this::copyNewLines);
    }

    /** Moves descriptor 2 to {@code log} (created or emptied) and starts showing its lines that are not chatter. */
    static NativeOutput capture(Path log) throws IOException {
        Path parent = log.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        System.err.flush();
        int terminal = Libc.dup(Libc.STDERR);
        int file = Libc.openTruncated(log);
        Libc.dup2(file, Libc.STDERR);
        Libc.close(file);
        PrintStream javaErr = System.err;
        System.setErr(new PrintStream(new DescriptorStream(terminal), true, javaErr.charset()));
        NativeOutput output = new NativeOutput(log, terminal, javaErr, line -> !NativeChatter.isChatter(line));
        output.copier.start();
        return output;
    }

    Path log() {
        return log;
    }

    /** Descriptor 2 and System.err back to the terminal, after the last lines of the log are copied. */
    @Override
    public void close() throws IOException {
        System.err.flush();
        Libc.dup2(terminal, Libc.STDERR);
        closing = true;
        try {
            copier.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.setErr(javaErr);
        Libc.close(terminal);
    }

    private void copyNewLines() {
        Charset charset = javaErr.charset();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        StringBuilder pending = new StringBuilder();
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            boolean last = false;
            while (!last) {
                last = closing; // read once more after close() moved descriptor 2 back: nothing is written after that
                while (channel.read(buffer.clear()) > 0) {
                    pending.append(charset.decode(buffer.flip()));
                    showCompleteLines(pending);
                }
                if (!last) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
            if (!pending.isEmpty()) {
                showLine(pending.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void showCompleteLines(StringBuilder pending) throws IOException {
        int end;
        while ((end = pending.indexOf("\n")) >= 0) {
            showLine(pending.substring(0, end));
            pending.delete(0, end + 1);
        }
    }

    private void showLine(String line) throws IOException {
        if (shown.test(line)) {
            byte[] bytes = (line + System.lineSeparator()).getBytes(javaErr.charset());
            Libc.write(terminal, bytes, 0, bytes.length);
        }
    }

    /** An output stream onto a raw file descriptor. */
    private static final class DescriptorStream extends OutputStream {
        private final int fd;

        DescriptorStream(int fd) {
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Libc.write(fd, bytes, offset, length);
        }
    }
}
