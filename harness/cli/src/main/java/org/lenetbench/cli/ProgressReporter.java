package org.lenetbench.cli;

import java.io.PrintWriter;

import org.lenetbench.train.EpochRecord;
import org.lenetbench.train.TrainingListener;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per epoch (images/s and loss) when on a terminal, and one line per finished epoch always. */
final class ProgressReporter implements TrainingListener, AutoCloseable {
    private final PrintWriter out;
    private final boolean bar;
    private ProgressBar progress;

    ProgressReporter(PrintWriter out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    @Override
    public void epochStarted(int epoch, int steps) {
        if (bar) {
            progress = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
        }
    }

    @Override
    public void stepDone(int epoch, int step, int steps, double meanLoss, double imagesPerSecond) {
        if (progress != null) {
            progress.stepTo(step);
            progress.setExtraMessage(String.format("%,.0f img/s  loss %.4f", imagesPerSecond, meanLoss));
        }
    }

    @Override
    public void epochDone(EpochRecord r) {
        closeBar();
        out.printf("epoch %3d  lr %.1e  train loss %.4f  %stest loss %.4f  test accuracy %6.2f%%  %7.1f s  %,9.0f img/s"
                + "  (eval %.1f s)%s%n", r.epoch(), r.learningRate(), r.trainLoss(), r.validationAccuracy() == null ? ""
                        : String.format("validation %6.2f%%  ", 100 * r.validationAccuracy()),
                r.testLoss(), 100 * r.testAccuracy(),
                r.trainSeconds(), r.trainImagesPerSecond(), r.evalSeconds(), r.sdlmRates() == null ? ""
                        : String.format("  SDLM steps %.1e … %.1e", r.sdlmRates().smallest(), r.sdlmRates().largest()));
        out.flush();
    }

    private void closeBar() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }
}
