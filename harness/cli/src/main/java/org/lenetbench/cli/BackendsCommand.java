package org.lenetbench.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Device;
import org.lenetbench.train.ResultsJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backends", description = "List the backends on the class path: id, engine, version, devices, availability.")
final class BackendsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--available", description = "Print only the ids of the available backends, comma-separated (for scripts).")
    boolean availableIds;

    @Override
    public Integer call() throws Exception {
        List<Map<String, Object>> rows = Backends.discover().stream().map(BackendsCommand::describe).toList();
        var out = spec.commandLine().getOut();
        if (availableIds) {
            out.println(String.join(",", rows.stream().filter(r -> (boolean) r.get("available")).map(r -> (String) r.get("id")).toList()));
            return 0;
        }
        if (json) {
            out.println(ResultsJson.MAPPER.writeValueAsString(rows));
            return 0;
        }
        Table table = new Table("backend", "engine", "version", "devices", "status");
        for (Map<String, Object> r : rows) {
            table.row(r.get("id"), r.get("engine"), r.get("version"), String.join(",", (List<String>) r.get("devices")),
                    (boolean) r.get("available") ? "available" : "unavailable: " + r.get("reason"));
        }
        table.print(out);
        return 0;
    }

    static Map<String, Object> describe(Backend b) {
        Map<String, Object> row = new LinkedHashMap<>();
        Availability a = b.availability();
        row.put("id", b.id());
        row.put("engine", b.engine());
        row.put("computedByThisProject", b.computedByThisProject());
        row.put("version", b.engineVersion());
        row.put("devices", b.devices().stream().map(Device::id).toList());
        row.put("available", a.isAvailable());
        row.put("reason", a instanceof Availability.Unavailable u ? u.reason() : null);
        return row;
    }
}
