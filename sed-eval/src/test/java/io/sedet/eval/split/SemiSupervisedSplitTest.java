package io.sedet.eval.split;

import io.sedet.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SemiSupervisedSplitTest {
    /** n distinct image ids, img000, img001, ... (the split tests' data). */
    static List<String> ids(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("img%03d", i));
        }
        return out;
    }

    @Test
    void fractionPartitionsAllImages() {
        SemiSupervisedSplit s = SemiSupervisedSplit.byFraction(ids(100), 0.1, 1);
        assertEquals(10, s.labeled().size());
        assertEquals(90, s.unlabeled().size());
        Set<String> all = new HashSet<>(s.labeled());
        all.addAll(s.unlabeled());
        assertEquals(new HashSet<>(ids(100)), all);
    }

    @Test
    void tinyFractionLabelsAtLeastOne() {
        assertEquals(1, SemiSupervisedSplit.byFraction(ids(30), 0.01, 3).labeled().size());
        assertEquals(0, SemiSupervisedSplit.byFraction(ids(30), 0.0, 3).labeled().size());
    }

    /** The same seed gives the same split regardless of input order; pinned so it stays stable across JVMs. */
    @Test
    void seedDeterminesSplit() {
        List<String> shuffled = new ArrayList<>(ids(20));
        java.util.Collections.reverse(shuffled);
        SemiSupervisedSplit a = SemiSupervisedSplit.byCount(ids(20), 4, 7);
        SemiSupervisedSplit b = SemiSupervisedSplit.byCount(shuffled, 4, 7);
        assertEquals(a, b);
        assertNotEquals(a, SemiSupervisedSplit.byCount(ids(20), 4, 8));
        // computed independently from java.util.Random's specified LCG (a 15-line Python port)
        assertEquals(List.of("img003", "img007", "img008", "img017"), a.labeled());
    }

    @Test
    void saveLoadRoundTrip(@TempDir Path dir) throws Exception {
        SemiSupervisedSplit s = SemiSupervisedSplit.byFraction(ids(50), 0.2, 5);
        Path f = dir.resolve("sub/split.txt");
        s.save(f, "labeled 0.2 seed 5");
        assertTrue(Files.readString(f).startsWith("# sedet split: 10 labeled, 40 unlabeled"));
        assertEquals(s, SemiSupervisedSplit.load(f, ids(50)));
    }

    @Test
    void loadRejectsUnknownAndRepeatedIds(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("split.txt");
        Files.writeString(f, "# header\nimg001\nnope\n");
        InputException e = assertThrows(InputException.class, () -> SemiSupervisedSplit.load(f, ids(5)));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("'nope'"), e.getMessage());
        Files.writeString(f, "img001\nimg001\n");
        e = assertThrows(InputException.class, () -> SemiSupervisedSplit.load(f, ids(5)));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertThrows(InputException.class, () -> SemiSupervisedSplit.load(dir.resolve("missing.txt"), ids(5)));
    }

    @Test
    void badArguments() {
        assertThrows(io.sedet.io.InputException.class, () -> SemiSupervisedSplit.byFraction(ids(5), 1.5, 1));
        assertThrows(io.sedet.io.InputException.class, () -> SemiSupervisedSplit.byCount(ids(5), 6, 1));
    }
}
