/**
 * The {@code rlvision} command line: picocli commands, progress display, and the image/JSON
 * writers that turn environment output into files a researcher opens.
 */
package org.rlvision.workbench;
