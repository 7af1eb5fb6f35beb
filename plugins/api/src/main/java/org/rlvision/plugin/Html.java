package org.rlvision.plugin;

/** Text made safe for HTML pages that plugins and the workbench write (element text and quoted attributes). */
public final class Html {
    private Html() {
    }

    /** {@code String.valueOf(o)} with {@code & < > "} escaped. */
    public static String escape(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
