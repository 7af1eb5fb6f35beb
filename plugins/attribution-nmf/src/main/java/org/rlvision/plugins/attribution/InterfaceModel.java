package org.rlvision.plugins.attribution;

import java.util.List;
import java.util.Map;

/**
 * Everything the trajectory interface (Hilton et al.'s attribution interface) shows, in memory:
 * the factors found by NMF and, per trajectory, the frames, the timeline and the per-factor
 * attribution maps. {@link InterfacePage} turns it into a self-contained HTML page.
 *
 * @param title         page title
 * @param provenance    model, seeds, levels, versions and command line, shown on the page
 * @param layer         the attributed layer, e.g. {@code 2b}
 * @param output        what was attributed, e.g. {@code value}
 * @param layerHeight   height of the layer's grid (32 for {@code 2b})
 * @param layerWidth    width of the layer's grid
 * @param actionNames   names of the policy's actions, in logit order
 * @param factors       the NMF factors, in index order
 * @param trajectories  the trajectories, in display order
 */
public record InterfaceModel(String title, Map<String, Object> provenance, String layer, String output,
                             int layerHeight, int layerWidth, List<String> actionNames,
                             List<FactorView> factors, List<TrajectoryView> trajectories) {
    /** Makes the lists unmodifiable. */
    public InterfaceModel {
        provenance = Map.copyOf(provenance);
        actionNames = List.copyOf(actionNames);
        factors = List.copyOf(factors);
        trajectories = List.copyOf(trajectories);
    }
}
