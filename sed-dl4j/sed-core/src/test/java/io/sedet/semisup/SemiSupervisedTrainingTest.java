package io.sedet.semisup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedet.checkpoint.Checkpoint;
import io.sedet.config.Method;
import io.sedet.config.TrainConfig;
import io.sedet.io.InputException;
import io.sedet.session.TrainingRequest;
import io.sedet.session.TrainingSession;
import io.sedet.train.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Teacher–student runs through the one training loop: SED and mean teacher, end to end on tiny data. */
class SemiSupervisedTrainingTest {
    @TempDir
    Path dir;

    private static List<JsonNode> steps(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.has("loss")) {
                out.add(n);
            }
        }
        return out;
    }

    private static TrainingSession session(Map<String, String> o, Path out, boolean resume) throws Exception {
        return TrainingSession.open(resume ? TrainingRequest.resumeAs(TrainConfig.preset("shapes-small", o), out) : TrainingRequest.fresh(TrainConfig.preset("shapes-small", o), out));
    }

    /**
     * SED for 6 iterations (burn-in 2): the distillation terms appear after burn-in; the same seed
     * gives the same run bit for bit; stopping at 4 and resuming gives the uninterrupted run
     * (teacher restored from the checkpoint); the shipped model is the teacher.
     */
    @Test
    void sedRunIsDeterministicResumableAndShipsTheTeacher() throws Exception {
        Map<String, String> o = TinyRuns.semi("sed", 6, 2);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        session(o, a, false).run();
        session(o, b, false).run();
        session(o, c, false).runUntil(4);
        session(o, c, true).run();
        List<JsonNode> sa = steps(a);
        List<JsonNode> sb = steps(b);
        List<JsonNode> sc = steps(c);
        assertEquals(6, sa.size());
        assertEquals(6, sc.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(sa.get(i).get("loss").asDouble(), sb.get(i).get("loss").asDouble(), 0, "determinism, iteration " + (i + 1));
            assertEquals(sa.get(i).get("loss").asDouble(), sc.get(i).get("loss").asDouble(),
                    1e-4 * Math.abs(sa.get(i).get("loss").asDouble()), "resume, iteration " + (i + 1));
        }
        for (int i = 0; i < 2; i++) {
            assertFalse(sa.get(i).has("same_cls"), "burn-in is supervised");
        }
        for (int i = 2; i < 6; i++) {
            for (String k : List.of("same_cls", "same_box", "scale_cls", "scale_box", "teacher_fg")) {
                assertTrue(sa.get(i).has(k), k + " at iteration " + (i + 1));
            }
            assertTrue(sa.get(i).get("same_cls").asDouble() > 0);
        }
        Checkpoint.Content last = Checkpoint.load(a.resolve("last.ckpt"));
        Checkpoint.Content model = Checkpoint.load(a.resolve("model.sedet"));
        String w = "head.cls.0.w";
        assertTrue(model.params().get(w).equalsWithEps(last.ema().get("trainable/" + w), 1e-7), "model.sedet is the teacher");
        assertFalse(model.params().get(w).equalsWithEps(last.params().get(w), 1e-7), "teacher differs from the student");
        assertEquals(Method.SED, last.config().semi().method());
    }

    /**
     * Mean teacher with a threshold no score reaches: zero pseudo-boxes, so the unlabeled images are
     * all background — a finite classification term, a zero box term, and the count is logged.
     */
    @Test
    void meanTeacherWithZeroPseudoBoxes() throws Exception {
        Map<String, String> o = TinyRuns.semi("mean-teacher", 3, 1);
        o.put("semi.pseudoThreshold", "1.01");
        Path a = dir.resolve("mt");
        session(o, a, false).run();
        List<JsonNode> s = steps(a);
        for (int i = 1; i < 3; i++) {
            JsonNode n = s.get(i);
            assertEquals(0.0, n.get("pseudo_boxes_per_image").asDouble(), 0);
            assertEquals(0.0, n.get("pseudo_box").asDouble(), 0);
            assertTrue(n.get("pseudo_cls").asDouble() > 0 && Double.isFinite(n.get("loss").asDouble()), n.toString());
        }
        // with a low threshold the teacher's boxes become pseudo-labels
        o.put("semi.pseudoThreshold", "0.001");
        Path low = dir.resolve("mt-low");
        session(o, low, false).run();
        assertTrue(steps(low).get(2).get("pseudo_boxes_per_image").asDouble() > 0);
    }

    /** The supervised baseline trains on exactly the labeled images; teacher methods need unlabeled ones. */
    @Test
    void splitReachesTraining() throws Exception {
        StringWriter log = new StringWriter();
        Map<String, String> o = TinyRuns.semi("supervised", 1, 0);
        o.put("semi.labeled", "\"5\"");
        TrainingSession.open(TrainingRequest.fresh(TrainConfig.preset("shapes-small", o), dir.resolve("s")).console(new PrintWriter(log))).run();
        assertTrue(log.toString().contains("5 labeled, 11 unlabeled images"), log.toString());
        Map<String, String> all = TinyRuns.overrides(1);
        all.put("semi.method", "sed");
        InputException e = assertThrows(InputException.class, () -> session(all, dir.resolve("x"), false));
        assertTrue(e.getMessage().contains("needs unlabeled images"), e.getMessage());
        Map<String, String> none = TinyRuns.semi("sed", 1, 0);
        none.put("semi.labeled", "\"0\"");
        // refused with the config, before any data is read
        e = assertThrows(InputException.class, () -> TrainConfig.preset("shapes-small", none));
        assertTrue(e.getMessage().contains("semi.labeled: a labeled count must be at least 1, got 0"), e.getMessage());
        none.put("semi.labeled", "\"lots\"");
        e = assertThrows(InputException.class, () -> TrainConfig.preset("shapes-small", none));
        assertTrue(e.getMessage().contains("semi.labeled: the labeled amount must be a fraction or a count, got 'lots'"),
                e.getMessage());
        none.put("semi.labeled", "1.5");
        e = assertThrows(InputException.class, () -> TrainConfig.preset("shapes-small", none));
        assertTrue(e.getMessage().contains("a labeled fraction must be in (0, 1], got 1.5"), e.getMessage());
    }
}
