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

@Command(name = "eval", description = "Test accuracy and confusion matrix of saved parameters (safetensors).")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--params", required = true, paramLabel = "FILE", description = "A params.safetensors file.")
    Path params;

    @Option(names = "--model", description = "Model (default: the one recorded in the file).")
    String model;

    @Option(names = "--backend", defaultValue = ReferenceBackend.ID, description = "Backend (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--test-limit", defaultValue = "0", paramLabel = "N", description = "First N test images only (0 = all).")
    int testLimit;

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
        var test = testLimit > 0 ? data.test().first(testLimit) : data.test();
        Evaluation e;
        try (Network net = Backends.open(b, m, runOptions.device(b), runOptions.threads)) {
            net.loadParameters(parameters);
            e = new Evaluator(m).evaluate(net, test);
        }
        var out = spec.commandLine().getOut();
        out.printf("%s on %s: test accuracy %.2f%% (%d of %d wrong), test loss %.4f%n", m.name(), b.id(),
                100 * e.accuracy(), e.misclassified().length, e.images(), e.loss());
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
