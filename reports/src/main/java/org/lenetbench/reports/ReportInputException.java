package org.lenetbench.reports;

import java.nio.file.Path;

/** A result file the report cannot use: names the file, the field and what was expected. */
final class ReportInputException extends RuntimeException {
    ReportInputException(Path file, String field, String expected) {
        super(file + ": field '" + field + "': expected " + expected);
    }
}
