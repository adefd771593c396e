package org.lenetbench.data;

import java.io.IOException;

/** No source of MNIST worked; the message lists what was tried and how to provide the files. */
public final class DataUnavailableException extends IOException {
    public DataUnavailableException(String message) {
        super(message);
    }
}
