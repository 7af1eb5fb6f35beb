/**
 * Models on disk: the bundle folder ({@code model.json} + {@code weights.npz}), provenance, and
 * numpy {@code .npz} import and export.
 */
package org.rlvision.agent.bundle;
