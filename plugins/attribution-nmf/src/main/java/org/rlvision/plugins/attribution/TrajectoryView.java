package org.rlvision.plugins.attribution;

/**
 * One trajectory of the interface: consecutive steps of one environment (it may span several
 * episodes; {@code first} marks where each begins), with its timeline and attribution maps.
 * Arrays are row-major; T = {@code length}, A = number of actions, k = number of factors,
 * h×w = the layer's grid.
 *
 * @param env        environment index in the recorded run
 * @param length     T, number of steps
 * @param height     frame height in pixels (64)
 * @param width      frame width in pixels (64)
 * @param frames     {@code [T,H,W,3]} RGB observations
 * @param levelSeeds {@code [T]} level seed of each step
 * @param first      {@code [T]} true where an episode begins
 * @param rewards    {@code [T]} reward received after each step's action
 * @param values     {@code [T]} value estimate V(obs)
 * @param advantages {@code [T]} GAE advantages (γ = 0.999, λ = 0.95)
 * @param actions    {@code [T]} chosen action
 * @param logits     {@code [T,A]} policy logits
 * @param positive   {@code [T,k,h,w]} positive attribution projected on each factor (≥ 0)
 * @param negative   {@code [T,k,h,w]} negative attribution projected on each factor (≥ 0)
 */
public record TrajectoryView(int env, int length, int height, int width, byte[] frames, int[] levelSeeds,
                             boolean[] first, float[] rewards, float[] values, float[] advantages, int[] actions,
                             float[] logits, float[] positive, float[] negative) {
}
