package org.lenetbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The statistics over seeds, against hand-computed values. */
class SeedStudyTest {
    @Test
    void meanSampleStandardDeviationAndRange() {
        SeedStudy.Statistics s = SeedStudy.Statistics.of(0.990, 0.992, 0.985, 0.993);
        assertEquals(4, s.n());
        assertEquals(0.990, s.mean(), 1e-12);
        // squared deviations 0, 4e-6, 25e-6, 9e-6: sum 38e-6, over n − 1 = 3
        assertEquals(Math.sqrt(38e-6 / 3), s.std(), 1e-12);
        assertEquals(0.985, s.min());
        assertEquals(0.993, s.max());
        assertEquals(0, SeedStudy.Statistics.of(0.5).std(), "one value: no spread");
        assertEquals(0, SeedStudy.Statistics.of().n());
    }

    @Test
    void timeToTargetIsOverTheSeedsThatReachedIt() {
        SeedStudy study = new SeedStudy("vector", "lenet5-modern", 0.99, 3, 0, List.of(
                new SeedStudy.Run(1, 0.9912, 2.5, 2.5, 3), new SeedStudy.Run(2, 0.9893, null, 4.0, 5),
                new SeedStudy.Run(3, 0.9905, 3.5, 3.5, 4)));
        assertEquals(2, study.reachedTarget());
        assertEquals(3.0, study.secondsToTarget().mean(), 1e-12);
        assertEquals(2, study.secondsToTarget().n());
        assertEquals(3, study.finalAccuracy().n());
        assertEquals(0.9893, study.finalAccuracy().min());
    }
}
