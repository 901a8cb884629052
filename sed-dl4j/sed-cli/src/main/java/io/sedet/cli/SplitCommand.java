package io.sedet.cli;

import io.sedet.eval.coco.CocoJson;
import io.sedet.eval.data.Dataset;
import io.sedet.eval.data.ImageInfo;
import io.sedet.eval.split.SemiSupervisedSplit;
import io.sedet.eval.voc.VocClasses;
import io.sedet.eval.voc.VocDevkit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sedet split --gt GT.json|--root VOCROOT --labeled 0.1 --seed 1 --out split.txt}. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Choose the labeled images of a semi-supervised split and save their ids to a file.",
            "The same dataset, amount and seed give the same split on every machine."})
public final class SplitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(names = "--gt", paramLabel = "GT.json", description = "COCO instances file.")
        Path gt;

        @Option(names = "--root", paramLabel = "VOCROOT", description = "VOC folder (Annotations/, ImageSets/Main/).")
        Path root;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"--image-set", "--set"}, defaultValue = "trainval", paramLabel = "NAME",
            description = "VOC image set to split (default: ${DEFAULT-VALUE}); --set is its old, deprecated name.")
    String set;

    @Option(names = "--labeled", required = true, paramLabel = "AMOUNT",
            description = "A fraction (0.1, 1.0) or a count of images (an integer such as 50).")
    String labeled;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "split.txt", description = "File to write the labeled ids to.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<String> ids = imageIds();
        SemiSupervisedSplit split = SemiSupervisedSplit.byAmount(ids, labeled, seed);
        String how = (labeled.strip().matches("\\d+") ? "count " : "fraction ") + labeled;
        String dataset = source.gt != null ? source.gt.toString() : source.root + " set " + set;
        split.save(out, "made by: sedet split, " + dataset + ", " + how + ", seed " + seed);
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
                "labeled %d of %d images (seed %d) -> %s", split.labeled().size(), ids.size(), seed, out));
        return 0;
    }

    private List<String> imageIds() {
        Dataset d = source.gt != null
                ? CocoJson.readInstances(source.gt, null)
                : VocDevkit.read(source.root, set, VocClasses.VOC20, VocDevkit.UnknownClass.SKIP, false);
        return d.images().stream().map(ImageInfo::id).toList();
    }
}
