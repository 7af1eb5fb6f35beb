/**
 * Training CoinRun agents: expert demonstrations from the planning expert, behaviour cloning
 * with DAgger relabelling, and the trainable network with Adam and gradient clipping.
 */
package org.rlvision.agent.train;
