package org.lenetbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Network;
import org.lenetbench.data.Dataset;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.params.Safetensors;
import org.lenetbench.reference.ReferenceBackend;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.train.Evaluation;
import org.lenetbench.train.Evaluator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", description = "Accuracy and confusion matrix of saved parameters (safetensors) on the test "
        + "or the training images.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--params", required = true, paramLabel = "FILE", description = "A params.safetensors file.")
    Path params;

    @Option(names = "--model", description = "Model (default: the one recorded in the file).")
    String model;

    @Option(names = "--backend", defaultValue = ReferenceBackend.ID, description = "Backend (default ${DEFAULT-VALUE}).")
    String backend;

    /** Which images to evaluate: the paper reports its training error beside its test error. */
    enum Split {
        test, train
    }

    @Option(names = "--split", defaultValue = "test", description = "test or train images (default ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = {"--limit", "--test-limit"}, defaultValue = "0", paramLabel = "N",
            description = "First N images of the split only (0 = all).")
    int limit;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        NamedTensors parameters = Safetensors.read(params);
        String recorded = Safetensors.readMetadata(params).get("model");
        if (model == null && recorded == null) {
            throw new IllegalArgumentException(params + " does not record its model: pass --model");
        }
        if (model != null && recorded != null && !model.equals(recorded)) {
            throw new IllegalArgumentException(params + " holds parameters of " + recorded + ", not " + model);
        }
        ModelSpec m = Models.byName(model != null ? model : recorded);
        parameters.requireLayout(m, m.parameters(), params.toString());
        Backend b = Backends.byId(backend);
        Dataset data = dataOptions.load();
        var images = split == Split.train ? data.train() : data.test();
        if (limit > 0) {
            images = images.first(limit);
        }
        Evaluation e;
        try (Network net = Backends.open(b, m, runOptions.device(b), runOptions.threads())) {
            net.loadParameters(parameters);
            e = new Evaluator(m).evaluate(net, images);
        }
        var out = spec.commandLine().getOut();
        out.printf("%s on %s: %s accuracy %.2f%% (%d of %d wrong), %s loss %.4f%n", m.name(), b.id(), split,
                100 * e.accuracy(), e.misclassified().length, e.images(), split, e.loss());
        out.println("confusion matrix (rows: true class, columns: predicted)");
        Table t = new Table("", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        for (int i = 0; i < e.confusion().length; i++) {
            Object[] row = new Object[11];
            row[0] = i;
            for (int j = 0; j < 10; j++) {
                row[j + 1] = e.confusion()[i][j];
            }
            t.row(row);
        }
        t.print(out);
        return 0;
    }
}
