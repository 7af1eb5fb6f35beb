package org.rlvision.plugin;

/**
 * A problem the user can fix (a missing model or run, an option out of range). The workbench prints
 * its message, one sentence saying what is wrong and what to do, without a stack trace.
 */
public class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-sentence message. */
    public PluginException(String message) {
        super(message);
    }

    /** Creates the exception with a one-sentence message and its cause. */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
