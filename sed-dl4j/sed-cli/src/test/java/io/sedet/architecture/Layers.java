package io.sedet.architecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house's layers as docs/ARCHITECTURE.md draws them, bottom to top; a layer may use the layers
 * below it, never one above. Within a layer, packages may use each other but never in a cycle.
 */
final class Layers {
    /** The application's packages (sed-cli) and the libraries only it may bring. */
    static final String[] APPLICATION = {"io.sedet.cli..", "io.sedet.report..", "io.sedet.experiment.."};
    static final String[] APPLICATION_LIBRARIES = {"picocli..", "org.knowm.xchart..", "me.tongfei.progressbar.."};

    private Layers() {
    }

    /** No cycle between the packages under {@code root} (one slice per package, sub-packages apart). */
    static ArchRule cycleFree(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /** No library class (anything outside the application's packages) uses the application or its libraries. */
    static ArchRule libraryIndependentOfApplication() {
        return noClasses().that().resideInAPackage("io.sedet..").and().resideOutsideOfPackages(APPLICATION)
                .should().dependOnClassesThat().resideInAnyPackage(concat(APPLICATION, APPLICATION_LIBRARIES))
                .because("sed-core is a library: a program that depends on it gets no CLI, report or charts");
    }

    /** The layers, bottom to top. */
    static Architectures.LayeredArchitecture layered() {
        return Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("plumbing").definedBy("io.sedet.io..")
                .layer("evaluation").definedBy("io.sedet.eval..")
                .layer("kernels").definedBy("io.sedet.kernels..")
                .layer("foundations").definedBy("io.sedet.anchor..", "io.sedet.backend..", "io.sedet.data..",
                        "io.sedet.model..", "io.sedet.loss..")
                .layer("configuration").definedBy("io.sedet.config..", "io.sedet.checkpoint..")
                .layer("prediction").definedBy("io.sedet.predict..")
                .layer("training").definedBy("io.sedet.train..", "io.sedet.semisup..")
                .layer("runs").definedBy("io.sedet.session..", "io.sedet.analysis..", "io.sedet.pretrained..")
                .layer("api").definedBy("io.sedet.api..")
                .layer("application").definedBy(APPLICATION)
                .whereLayer("application").mayNotBeAccessedByAnyLayer()
                .whereLayer("api").mayOnlyBeAccessedByLayers("application")
                .whereLayer("runs").mayOnlyBeAccessedByLayers("api", "application")
                .whereLayer("training").mayOnlyBeAccessedByLayers("runs", "api", "application")
                .whereLayer("prediction").mayOnlyBeAccessedByLayers("training", "runs", "api", "application")
                .whereLayer("configuration").mayOnlyBeAccessedByLayers("prediction", "training", "runs", "api",
                        "application")
                .whereLayer("foundations").mayOnlyBeAccessedByLayers("configuration", "prediction", "training", "runs",
                        "api", "application")
                .whereLayer("kernels").mayOnlyAccessLayers("evaluation")
                .whereLayer("evaluation").mayOnlyAccessLayers("plumbing")
                .whereLayer("plumbing").mayNotAccessAnyLayer();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
