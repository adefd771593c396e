package org.lenetbench.check;

/** One cross-check of a backend against the reference: what was compared, the measured error, the verdict. */
public record CheckResult(String backend, String model, String check, Status status, double error,
        double tolerance, String detail) {

    public enum Status { PASS, FAIL, SKIPPED }

    public static CheckResult measured(String backend, String model, String check, double error, double tolerance,
            String detail) {
        boolean ok = error <= tolerance; // NaN fails
        return new CheckResult(backend, model, check, ok ? Status.PASS : Status.FAIL, error, tolerance, detail);
    }

    public static CheckResult passed(String backend, String model, String check, String detail) {
        return new CheckResult(backend, model, check, Status.PASS, 0, 0, detail);
    }

    public static CheckResult failed(String backend, String model, String check, String detail) {
        return new CheckResult(backend, model, check, Status.FAIL, Double.NaN, 0, detail);
    }

    public static CheckResult skipped(String backend, String model, String check, String reason) {
        return new CheckResult(backend, model, check, Status.SKIPPED, Double.NaN, 0, reason);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    @Override
    public String toString() {
        return backend + " " + model + " " + check + ": " + status
                + (Double.isNaN(error) ? "" : String.format(" (error %.2e, tolerance %.0e)", error, tolerance))
                + (detail.isEmpty() ? "" : " — " + detail);
    }
}
