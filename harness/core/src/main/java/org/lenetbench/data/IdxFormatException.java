package org.lenetbench.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that is not what it should be; the message names the file, the field and what was expected. */
public final class IdxFormatException extends IOException {
    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
