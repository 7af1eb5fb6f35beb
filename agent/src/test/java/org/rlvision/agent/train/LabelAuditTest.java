package org.rlvision.agent.train;

import org.junit.jupiter.api.Test;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit of the shipped agent against alive labels. An alive-accepted move leaves a way to
 * survive the next 16 steps, or, where no move does, is the expert's own move; so a run of
 * accepted moves ends in a collision only through a state where the expert saw no way out: every
 * death holds a flagged move or a doomed state, by construction. Each episode's last states are
 * summarised one character each, consistent with its counts.
 */
class LabelAuditTest {
    private static final EnvOptions HARD_VEL = EnvOptions.builder().optDistributionMode(DistributionMode.HARD).optPaintVelInfo(true).build();

    @Test
    void everyDeathFollowsAFlaggedMoveOrADoomedStateAndTheAuditIsReproducible() throws Exception {
        try (ModelBundle b = ModelBundle.load(Path.of("..", "models", "coinrun-default"))) {
            int[] finished = {0};
            LabelAudit.Result r = LabelAudit.run(b.agent(), HARD_VEL, DaggerLabels.ALIVE, 1_000_000, 12, 4, 7,
                    n -> finished[0] += n);
            assertEquals(12, r.episodes().size());
            assertEquals(12, finished[0]);
            long steps = 0;
            int deaths = 0;
            for (int i = 0; i < 12; i++) {
                LabelAudit.Episode e = r.episodes().get(i);
                assertEquals(1_000_000 + i, e.level(), "episodes in level order");
                steps += e.length();
                assertTrue(e.flagged() <= e.length());
                assertTrue(e.flagged() == 0 ? e.lastFlaggedStep() == -1 : e.lastFlaggedStep() < e.length());
                if (!e.solved() && e.cause() != EndCause.TIMEOUT) {
                    deaths++;
                    assertTrue(e.flagged() > 0 || e.doomedAtEnd() > 0, "level " + e.level() + " ended by " + e.cause()
                            + " after only accepted moves and the expert never saw it coming");
                }
                if (e.flagged() > 0) {
                    assertTrue(e.minProbability() < 1, "a move outside the set had probability: " + e);
                }
                assertTrue(e.doomedAtEnd() >= 0 && e.doomedAtEnd() <= e.length(), e.toString());
                String last = e.lastStates();
                assertEquals(Math.min(e.length(), LabelAudit.TIMELINE), last.length(), e.toString());
                assertTrue(last.matches("[.cXd]*"), last);
                assertTrue(last.chars().filter(c -> c == 'X').count() <= e.flagged(), e.toString());
                int shown = e.length() - last.length(); // step of the first state shown
                if (e.lastFlaggedStep() >= shown) {
                    assertTrue("Xd".indexOf(last.charAt(e.lastFlaggedStep() - shown)) >= 0, e.toString()); // doomed states show as d
                    assertEquals(-1, last.indexOf('X', e.lastFlaggedStep() - shown + 1), "no flagged move after the last one: " + e);
                }
                if (e.solved() || e.cause() == EndCause.TIMEOUT || e.flagged() == 0) {
                    assertEquals(null, e.hazardInView(), "only a death after a flagged move says whether its hazard was in view: " + e);
                } else if (last.indexOf('X') >= 0) {
                    assertTrue(e.hazardInView() != null, "a death with an X before it: " + e);
                }
                int doomedRun = last.length() - last.replaceAll("d+$", "").length();
                assertEquals(Math.min(e.doomedAtEnd(), LabelAudit.TIMELINE), doomedRun, e.toString());
            }
            assertEquals(steps, r.states(), "every visited state is labelled once");
            assertTrue(deaths > 0, "the shipped agent dies on some of 12 levels, or the invariant went untested");
            assertTrue(r.fatalMoveHazardInView() <= r.fatalMoveDeaths() && r.fatalMoveDeaths() <= deaths);
            assertEquals(r.episodes().size() - r.solved() - (int) r.episodes().stream().filter(e -> e.cause() == EndCause.TIMEOUT).count(),
                    deaths);
            assertTrue(r.meanAccepted() > 1 && r.meanAccepted() <= 15, "accepted actions per state: " + r.meanAccepted());
            assertTrue(r.meanProbability() > 0.5 && r.meanProbability() <= 1, "probability on the set: " + r.meanProbability());
            LabelAudit.Result again = LabelAudit.run(b.agent(), HARD_VEL, DaggerLabels.ALIVE, 1_000_000, 12, 4, 7,
                    n -> { });
            assertEquals(r, again, "same model, levels, batch and seed: the same audit");
            assertEquals(LabelAudit.hazardOf(EndCause.ENEMY_MOVING_LEFT), LabelAudit.hazardOf(EndCause.ENEMY_MOVING_RIGHT));
            assertEquals(0, LabelAudit.hazardOf(EndCause.TIMEOUT));
        }
    }
}
