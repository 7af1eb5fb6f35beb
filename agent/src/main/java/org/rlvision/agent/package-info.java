/**
 * The agent API: {@link org.rlvision.agent.Agent} (batched evaluation, activations, gradients,
 * interventions), {@link org.rlvision.agent.Policy}, host-side {@link org.rlvision.agent.Tensor}s
 * and {@link org.rlvision.agent.StateDict}s keyed like PyTorch.
 */
package org.rlvision.agent;
