package org.lenetbench.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.ModelWork;
import org.lenetbench.model.Models;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.train.ResultsJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "models", description = "List the models: layers, output shapes, canonical parameters, work per image.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "FLOP and bytes per image of every model and layer as JSON (what the"
            + " benchmark suite records as " + ModelWork.FILE_NAME + " for the report).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(ResultsJson.MAPPER.writeValueAsString(Map.of("models", ModelWork.all())));
            out.flush();
            return 0;
        }
        for (ModelSpec m : Models.all()) {
            out.println(m.name() + " — " + m.description());
            Table t = new Table("  layer", "output", "MACs/image", "parameters");
            for (String layer : m.layerNames()) {
                t.row("  " + layer, m.outputShapeOf(layer), m.forwardMultiplyAdds(layer), String.join(" ",
                        m.parametersOf(layer).stream().map(ParameterSpec::toString).toList()));
            }
            t.row("  total", "", m.forwardMultiplyAdds(), "");
            t.print(out);
            out.println();
        }
        return 0;
    }
}
