package org.rlvision.agent.train;

import org.junit.jupiter.api.Test;
import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.coinrun.CoinRunVecEnv;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluation keeps each level's outcome in level order, whatever slot of the batch played it: with
 * greedy actions a level's outcome cannot depend on how many levels were played beside it.
 */
class EvaluationTest {
    private static final EnvOptions HARD_VEL = EnvOptions.builder().optDistributionMode(DistributionMode.HARD).optPaintVelInfo(true).build();

    @Test
    void eachLevelsOutcomeIsInLevelOrderWhateverTheBatch() throws Exception {
        try (ModelBundle b = ModelBundle.load(Path.of("..", "models", "coinrun-default"))) {
            Evaluation.Result wide = Evaluation.run(b.agent(), o -> CoinRunVecEnv.create(1, o), HARD_VEL, 1_000_000, 16, 16,
                    ActionSelection.GREEDY, 0, () -> { });
            Evaluation.Result narrow = Evaluation.run(b.agent(), o -> CoinRunVecEnv.create(1, o), HARD_VEL, 1_000_000, 16, 3,
                    ActionSelection.GREEDY, 0, () -> { });
            assertEquals(16, wide.outcomes().size());
            assertEquals(wide.outcomes(), narrow.outcomes(), "levels 1000000..1000015, 16 at once and 3 at once");
            assertEquals(wide.successes(), (int) wide.outcomes().stream().filter(EndCause::isSuccess).count());
            for (EndCause c : wide.causes().keySet()) {
                assertEquals(wide.causes().get(c), (int) wide.outcomes().stream().filter(c::equals).count(), c.name());
            }
            assertTrue(wide.successes() > 0 && wide.successes() < 16, "the shipped agent solves some of 16 levels, not all: "
                    + wide.outcomes());
            PairedComparison self = PairedComparison.of(wide, narrow);
            assertEquals(0, self.onlyFirst() + self.onlySecond());
            assertEquals(1.0, self.exactPValue());
        }
    }
}
