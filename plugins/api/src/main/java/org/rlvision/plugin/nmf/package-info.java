/**
 * The NMF factors file shared by plugins: {@link org.rlvision.plugin.nmf.NmfFactorsFile}
 * ({@code factors.json}, format {@code rlvision-nmf-factors} version 1), which {@code attribution-nmf}
 * writes and {@code circuit-edit} reads to project a factor's direction out of a layer.
 */
package org.rlvision.plugin.nmf;
