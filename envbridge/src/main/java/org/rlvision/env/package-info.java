/**
 * The vectorised environment API shared by every backend (the embedded Java CoinRun and the
 * Procgen bridge): gym3 semantics, Procgen's option names, the 15 Procgen actions, and
 * {@link org.rlvision.env.EpisodeEnd} records that say why each episode ended.
 */
package org.rlvision.env;
