package io.sedet.config;

import io.sedet.backend.Backend;
import io.sedet.io.InputException;
import io.sedet.model.DetectorSpec;

import java.nio.file.Path;

/**
 * The checks a {@link TrainConfig} passes before a run starts: sizes, counts and ranges, the
 * pretrained-backbone settings that need {@code init}, and the checks of its sections
 * ({@link PostprocessConfig#problem}, {@link SemiSupervisedConfig#problem}, the detector's shape,
 * the box loss, the backend); a failure names the key and the file or preset ({@code origin}).
 */
final class ConfigValidation {
    private ConfigValidation() {
    }

    static void check(TrainConfig c, Path origin) {
        if (c.input().height() % DetectorSpec.SIZE_DIVISOR != 0 || c.input().width() % DetectorSpec.SIZE_DIVISOR != 0) {
            throw new InputException(origin, "input " + c.input().height() + "x" + c.input().width()
                    + " must be multiples of " + DetectorSpec.SIZE_DIVISOR + " (the 0.5x SED view must divide by 64)");
        }
        if (c.batchSize() < 1 || c.iterations() < 1) {
            throw new InputException(origin, "batchSize and iterations must be positive");
        }
        if (c.evalEvery() < 1 || c.checkpointEvery() < 1 || c.logEvery() < 1) {
            throw new InputException(origin, "evalEvery, checkpointEvery and logEvery must be positive");
        }
        if (c.model().normalization() == DetectorSpec.Norm.FROZEN && c.init() == null) {
            throw new InputException(origin, "model.norm frozen keeps a pretrained backbone's BatchNorm fixed, and "
                    + "there is none: set init to a backbone file (training from scratch takes model.norm batch)");
        }
        if (c.model().frozenStages() < 0 || c.model().frozenStages() > 5) {
            throw new InputException(origin, "model.freezeAt must be 0 (nothing frozen) to 5 (the whole ResNet), got "
                    + c.model().frozenStages());
        }
        if (c.model().frozenStages() > 0 && c.init() == null) {
            throw new InputException(origin, "model.freezeAt keeps pretrained backbone stages fixed, and there is no "
                    + "pretrained backbone: set init to a backbone file (sedet import-backbone makes one)");
        }
        String evalProblem = c.evaluation().problem();
        if (evalProblem != null) {
            throw new InputException(origin, "evaluation." + evalProblem);
        }
        String semiProblem = c.semi().problem();
        if (semiProblem != null) {
            throw new InputException(origin, semiProblem);
        }
        if (c.ema() != null && c.ema() != 0 && !(c.ema() > 0 && c.ema() < 1)) {
            throw new InputException(origin, "ema must be 0 (none) or in (0, 1), got " + c.ema());
        }
        if ("shapes".equals(c.data()) && (c.shapes() == null || c.shapes().train() < 1 || c.shapes().val() < 1 || c.shapes().test() < 0
                || c.shapes().imageSize() < 16)) {
            throw new InputException(origin, "shapes needs train >= 1, val >= 1, test >= 0 images of imageSize >= 16");
        }
        try {
            c.detectorSpec(1);
            c.lossConfig();
            if (c.backend() != null) {
                Backend.parse(c.backend());
            }
        } catch (IllegalArgumentException | InputException e) {
            // the detector's own checks (depth, width, levels), the box loss, the backend
            throw new InputException(origin, e.getMessage());
        }
    }
}
