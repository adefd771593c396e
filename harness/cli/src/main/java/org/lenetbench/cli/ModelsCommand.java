package org.lenetbench.cli;

import java.util.concurrent.Callable;

import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.model.ParameterSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "models", description = "List the models: layers, output shapes, canonical parameters, work per image.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
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
