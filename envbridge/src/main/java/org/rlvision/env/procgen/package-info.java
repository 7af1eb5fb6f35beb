/**
 * The bridge to the real Procgen CoinRun: a Python worker process running
 * {@code ProcgenGym3Env}, driven over Py4J on loopback, behind the same
 * {@link org.rlvision.env.VecEnv} API as the Java engine.
 */
package org.rlvision.env.procgen;
