package io.sedet.experiment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedStatisticsTest {
    @Test
    void matchesTheStudentTIntervalComputedByHand() {
        // values 1, 2, 3, 4, 5: mean 3, sample std sqrt(2.5); t(0.975, 4) = 2.7764451
        SeedStatistics s = SeedStatistics.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0));
        double half = 2.7764451052 * Math.sqrt(2.5) / Math.sqrt(5);
        assertEquals(5, s.n());
        assertEquals(3.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), s.std(), 1e-12);
        assertEquals(3.0 - half, s.low(), 1e-7);
        assertEquals(3.0 + half, s.high(), 1e-7);
    }

    @Test
    void pairsSeedBySeedAndOneSeedHasNoInterval() {
        List<Double> d = SeedStatistics.paired(List.of(0.30, 0.25, 0.40), List.of(0.20, 0.24, 0.31));
        assertEquals(List.of(0.30 - 0.20, 0.25 - 0.24, 0.40 - 0.31), d);
        SeedStatistics two = SeedStatistics.of(List.of(0.1, 0.3));
        assertTrue(two.low() < 0.2 && two.high() > 0.2);
        SeedStatistics one = SeedStatistics.of(List.of(0.7));
        assertEquals(0.7, one.mean());
        assertTrue(Double.isNaN(one.std()) && Double.isNaN(one.low()));
        assertThrows(IllegalArgumentException.class, () -> SeedStatistics.paired(List.of(1.0), List.of()));
    }
}
