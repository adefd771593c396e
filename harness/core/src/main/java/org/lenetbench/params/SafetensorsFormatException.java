package org.lenetbench.params;

import java.io.IOException;
import java.nio.file.Path;

/** A safetensors file that cannot be read; the message names the file and what was wrong. */
public final class SafetensorsFormatException extends IOException {
    public SafetensorsFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
