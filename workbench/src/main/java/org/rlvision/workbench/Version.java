package org.rlvision.workbench;

import picocli.CommandLine;

/** The workbench version, read from the jar manifest (falls back to "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    /** The version string. */
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"rlvision " + get(), "Java " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
