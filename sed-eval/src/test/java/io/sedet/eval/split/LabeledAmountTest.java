package io.sedet.eval.split;

import io.sedet.io.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The labeled amount as a value: its forms, its refusals, and the split it makes. */
class LabeledAmountTest {
    private static List<String> ids(int n) {
        return SemiSupervisedSplitTest.ids(n);
    }

    @Test
    void countsAndFractions() {
        LabeledAmount c = LabeledAmount.parse(" 50 ");
        assertTrue(c.isCount());
        assertEquals(50, c.count());
        assertEquals("50", c.toString());
        LabeledAmount f = LabeledAmount.parse("0.1");
        assertEquals(0.1, f.fraction());
        assertEquals(10, f.split(ids(100), 1).labeled().size());
        assertEquals(1, LabeledAmount.parse("0.001").split(ids(30), 1).labeled().size(), "a fraction labels at least one");
        assertEquals(100, LabeledAmount.parse("1.0").split(ids(100), 1).labeled().size());
        assertEquals(SemiSupervisedSplit.byAmount(ids(40), "7", 3), LabeledAmount.parse("7").split(ids(40), 3));
    }

    @Test
    void refusals() {
        for (String bad : List.of("0", "0.0", "-0.5", "1.5", "lots", "", "99999999999")) {
            InputException e = assertThrows(InputException.class, () -> LabeledAmount.parse(bad), bad);
            assertEquals("labeled", e.setting(), bad);
        }
        InputException e = assertThrows(InputException.class, () -> LabeledAmount.parse("5").split(ids(3), 1));
        assertTrue(e.getMessage().contains("cannot label 5 of 3 images"), e.getMessage());
    }
}
