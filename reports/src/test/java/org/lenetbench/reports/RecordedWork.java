package org.lenetbench.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.lenetbench.model.ModelWork;
import org.lenetbench.train.ResultsJson;

/**
 * The tests' FLOP and byte counts: today's models, as {@code lenet models --json} records them. The committed results
 * folders older than the recording lack them; the tests give a copy of such a folder today's counts.
 */
final class RecordedWork {
    private RecordedWork() {
    }

    static WorkCounts today() {
        try {
            byte[] json = ResultsJson.MAPPER.writeValueAsBytes(Map.of("models", ModelWork.all()));
            return WorkCounts.parse(Path.of(ModelWork.FILE_NAME), Json.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code committed} copied under {@code scratch}, with today's counts written as its models.json. */
    static Path copyWithTodaysCounts(Path committed, Path scratch) throws IOException {
        Path copy = scratch.resolve(committed.getFileName());
        try (Stream<Path> files = Files.walk(committed)) {
            for (Path from : files.toList()) {
                Path to = copy.resolve(committed.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Files.write(copy.resolve(ModelWork.FILE_NAME),
                ResultsJson.MAPPER.writeValueAsBytes(Map.of("models", ModelWork.all())));
        return copy;
    }
}
