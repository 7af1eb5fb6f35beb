package org.rlvision.workbench;

/**
 * An error caused by the user's input (a bad value, a missing file). The CLI prints its message,
 * which must be one sentence naming the bad thing and what to do, without a stack trace.
 */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-sentence message. */
    public UserException(String message) {
        super(message);
    }

    /** Creates the exception with a one-sentence message and its cause (kept for {@code -v}). */
    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
