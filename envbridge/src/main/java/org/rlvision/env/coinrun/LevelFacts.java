package org.rlvision.env.coinrun;

import java.util.List;

/**
 * A summary of a generated level: where the coin is, how many hazards and crates it has, and its
 * themes — what {@code rlvision env play} prints and what experiments group levels by.
 *
 * @param levelSeed  the seed
 * @param coinX      coin column
 * @param coinY      coin row
 * @param saws       number of saws
 * @param enemies    number of enemies
 * @param crates     number of crates
 * @param lavaCells  number of lava cells
 * @param groundTheme ground theme name (Dirt, Grass, Planet, Sand, Snow, Stone)
 * @param agentColour agent colour name (Beige, Blue, Green, Pink, Yellow)
 * @param background background index 0..61
 */
public record LevelFacts(int levelSeed, int coinX, int coinY, int saws, int enemies, int crates, int lavaCells,
                         String groundTheme, String agentColour, int background) {
    /** Procgen's ground theme names, by wall theme index. */
    public static final List<String> GROUND_THEMES = List.of("Dirt", "Grass", "Planet", "Sand", "Snow", "Stone");
    /** Procgen's agent colour names, by agent theme index. */
    public static final List<String> AGENT_COLOURS = List.of("Beige", "Blue", "Green", "Pink", "Yellow");

    /** Summarises the level {@code g} is playing (its current state). */
    public static LevelFacts of(CoinRunGame g) {
        int coinX = -1;
        int coinY = -1;
        int lava = 0;
        for (int y = 0; y < CoinRunGame.HEIGHT; y++) {
            for (int x = 0; x < CoinRunGame.WIDTH; x++) {
                int t = g.cell(x, y);
                if (t == ObjectType.GOAL) {
                    coinX = x;
                    coinY = y;
                } else if (ObjectType.isLava(t)) {
                    lava++;
                }
            }
        }
        int saws = 0;
        int enemies = 0;
        int crates = 0;
        for (int i = 0; i < g.entityCount(); i++) {
            switch (g.entity(i).type()) {
                case ObjectType.SAW -> saws++;
                case ObjectType.ENEMY -> enemies++;
                case ObjectType.CRATE -> crates++;
                default -> {
                }
            }
        }
        return new LevelFacts(g.levelSeed(), coinX, coinY, saws, enemies, crates, lava,
                GROUND_THEMES.get(g.wallTheme()), AGENT_COLOURS.get(g.agent().imageTheme()), g.backgroundIndex());
    }

    /** One line for humans. */
    public String describe() {
        return "coin at (" + coinX + ", " + coinY + "); " + saws + " saws, " + enemies + " enemies, " + crates
                + " crates, " + lavaCells + " lava cells; ground " + groundTheme + ", agent " + agentColour
                + ", background " + background;
    }
}
