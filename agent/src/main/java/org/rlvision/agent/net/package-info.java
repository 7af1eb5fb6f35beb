/**
 * The actor-critic networks as DJL blocks whose children are the named layers (the Hilton et al.
 * clear CNN and the IMPALA CNN), with their static layout: layer shapes and the DJL-name to
 * {@code state_dict}-key table.
 */
package org.rlvision.agent.net;
