/**
 * The {@code attribution-nmf} plugin: Hilton et al.'s attribution interface. Integrated gradients
 * from a hidden layer ({@link org.rlvision.plugins.attribution.IntegratedGradients}), NMF of the
 * attributions on float arrays ({@link org.rlvision.plugins.attribution.Nmf}), factors with their
 * maps, automatic labels from semantic label maps, dataset examples
 * ({@link org.rlvision.plugins.attribution.Factors}, {@link org.rlvision.plugins.attribution.FactorLabeler},
 * {@link org.rlvision.plugins.attribution.DatasetExamples}), {@code factors.json} (written through
 * the plugin API's {@link org.rlvision.plugin.nmf.NmfFactorsFile}) and the trajectory interface's
 * model and page ({@link org.rlvision.plugins.attribution.InterfaceModel},
 * {@link org.rlvision.plugins.attribution.InterfacePage}).
 */
package org.rlvision.plugins.attribution;
