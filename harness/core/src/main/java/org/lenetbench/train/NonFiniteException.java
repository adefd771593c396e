package org.lenetbench.train;

/** A loss or a parameter became NaN or infinite; the message names backend, epoch, step and tensor. */
public final class NonFiniteException extends RuntimeException {
    public NonFiniteException(String message) {
        super(message);
    }
}
