package io.sedet.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.EvaluationResult;
import io.sedet.architecture.planted.a.PlantedA;
import io.sedet.architecture.planted.b.PlantedB;
import io.sedet.architecture.planted.model.PlantedModelUsingCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of every module's main classes (sed-eval, sed-kernels, sed-core, sed-cli: this
 * module's test class path holds them all), and the same rules failing on planted violations.
 */
class LayeringTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(LayeringTest::mainCode).importPackages("io.sedet");
        assertTrue(main.contain("io.sedet.cli.Sedet") && main.contain("io.sedet.model.RetinaNet")
                && main.contain("io.sedet.eval.coco.CocoEvaluator"), "every module's classes are imported");
    }

    /**
     * Main classes only, from a module's folder or jar: not test classes, nor sed-core's test jar
     * (its helpers live in the library's packages but may use anything).
     */
    private static boolean mainCode(Location location) {
        return !location.contains("/test-classes/") && !location.matches(TEST_JAR);
    }

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    @Test
    void noPackageCycle() {
        Layers.cycleFree("io.sedet").check(main);
    }

    @Test
    void theLibraryNeverUsesTheApplication() {
        Layers.libraryIndependentOfApplication().check(main);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelow() {
        Layers.layered().check(main);
    }

    @Test
    void aPlantedCycleFails() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedA.class, PlantedB.class);
        EvaluationResult r = Layers.cycleFree("io.sedet.architecture.planted").evaluate(planted);
        assertTrue(r.hasViolation(), "a cycle a -> b -> a passes the rule");
        assertTrue(r.getFailureReport().toString().contains("Cycle detected"), r.getFailureReport().toString());
    }

    @Test
    void aPlantedLibraryClassUsingTheApplicationFails() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedModelUsingCli.class);
        assertTrue(Layers.libraryIndependentOfApplication().evaluate(planted).hasViolation());
        // and the rules pass on classes that keep them
        assertFalse(Layers.libraryIndependentOfApplication()
                .evaluate(new ClassFileImporter().importClasses(PlantedA.class)).hasViolation());
    }
}
