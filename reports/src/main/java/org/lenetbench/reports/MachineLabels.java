package org.lenetbench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each results folder of a many-machine report is called: the machine its {@code machine.txt} describes (the
 * GPU where nvidia-smi's line names one, otherwise the CPU line), the folder's name where there is no description,
 * and the folder's name added where two folders describe the same machine.
 */
final class MachineLabels {
    /** nvidia-smi's CSV header, the line before the GPU's own (scripts/gpu-run writes both first). */
    private static final String NVIDIA_SMI_HEADER = "name, driver_version";

    private MachineLabels() {
    }

    /** One label per folder, in the folders' order, no two alike. */
    static List<String> of(List<ResultsFolder> folders) {
        List<String> described = folders.stream().map(MachineLabels::describe).toList();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            String name = folders.get(i).name();
            String label = described.get(i);
            if (label.isEmpty()) {
                label = name;
            } else if (described.stream().filter(described.get(i)::equals).count() > 1) {
                label = label + " [" + name + "]";
            }
            labels.add(label);
        }
        return labels;
    }

    /** The machine in a few words, from machine.txt; "" without one. */
    static String describe(ResultsFolder folder) {
        List<String> lines = folder.machine();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).toLowerCase(Locale.ROOT).startsWith(NVIDIA_SMI_HEADER)) {
                return lines.get(i + 1).split(",")[0].strip(); // the GPU's name, the first CSV column
            }
        }
        return lines.stream().filter(l -> l.startsWith("cpu:")).map(l -> l.substring("cpu:".length()).strip())
                .findFirst().orElse("");
    }
}
