/** The {@code AgentBench} entry point: frames per second of inference and gradients. */
package org.rlvision.agent.bench;
