package org.lenetbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BatchScheduleTest {
    @Test
    void eachEpochGetsItsSizeAndTheLastHoldsAfterwards() {
        BatchSchedule growing = new BatchSchedule(List.of(64, 128, 256));
        assertEquals(64, growing.sizeFor(0));
        assertEquals(128, growing.sizeFor(1));
        assertEquals(256, growing.sizeFor(2));
        assertEquals(256, growing.sizeFor(9));
        assertEquals("64, 128 then 256 by epoch", growing.describe());
        assertEquals("32", BatchSchedule.constant(32).describe());
        assertEquals("32", new BatchSchedule(List.of(32, 32)).describe(), "the same size twice is constant");
    }

    @Test
    void emptyOrNonPositiveSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(List.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(List.of(64, 0)));
        assertTrue(e.getMessage().contains("≥ 1") && e.getMessage().contains("[64, 0]"), e.getMessage());
    }
}
