package org.rlvision.env.procgen;

/**
 * The Procgen worker could not be started or failed: the message is one sentence saying what is
 * missing or what happened (with the tail of the worker's stderr when it died) and what to do.
 */
public class ProcgenBridgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ProcgenBridgeException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public ProcgenBridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
