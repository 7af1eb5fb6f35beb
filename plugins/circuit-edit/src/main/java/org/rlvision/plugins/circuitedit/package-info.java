/**
 * The {@code circuit-edit} plugin: edits that make the agent blind to a feature (Hilton et al.'s
 * kernel projection, channel ablation, activation-space projection, and compositions), controls
 * with invisible objects, and the experiment that plays thousands of levels with every arm, keeps a
 * resumable journal, merges shards, and reports failure causes with Wilson intervals, z-tests,
 * replayable example episodes and a page. See {@code docs/circuit-edit.md}.
 */
package org.rlvision.plugins.circuitedit;
