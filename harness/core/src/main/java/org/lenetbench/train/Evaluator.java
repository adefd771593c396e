package org.lenetbench.train;

import java.util.ArrayList;
import java.util.List;

import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Network;
import org.lenetbench.data.EpochOrder;
import org.lenetbench.data.ImageSet;
import org.lenetbench.data.InputEncoder;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.PatternLoss;

/** Scores a network on a split with the contract's predicted-class rule; the loss is computed from the scores. */
public final class Evaluator {
    public static final int BATCH = 1000;

    private final ModelSpec model;
    private final InputEncoder encoder;
    private final Batch batch;
    private final float[] scores;
    private final double[] row;
    private final double[] scratch;
    private final PatternLoss loss;

    public Evaluator(ModelSpec model) {
        this.model = model;
        this.encoder = new InputEncoder(model.input());
        this.batch = new Batch(encoder.shape(), BATCH);
        this.scores = new float[BATCH * model.classes()];
        this.row = new double[model.classes()];
        this.scratch = new double[model.classes()];
        this.loss = new PatternLoss(model.loss());
    }

    public Evaluation evaluate(Network network, ImageSet set) {
        encoder.requireFits(set);
        int classes = model.classes();
        int[][] confusion = new int[classes][classes];
        List<Integer> wrong = new ArrayList<>();
        int[] order = EpochOrder.identity(set.count());
        double totalLoss = 0;
        int correct = 0;
        for (int from = 0; from < set.count(); from += BATCH) {
            int n = Math.min(BATCH, set.count() - from);
            encoder.fill(batch, set, order, from, n);
            network.forward(batch, scores);
            for (int i = 0; i < n; i++) {
                int label = batch.labels()[i];
                int predicted = model.output().predict(scores, i * classes);
                confusion[label][predicted]++;
                if (predicted == label) {
                    correct++;
                } else {
                    wrong.add(from + i);
                }
                for (int c = 0; c < classes; c++) {
                    row[c] = scores[i * classes + c];
                }
                totalLoss += loss.lossAndGradient(row, label, scratch);
            }
        }
        return new Evaluation(set.count(), totalLoss / set.count(), (double) correct / set.count(), confusion,
                wrong.stream().mapToInt(Integer::intValue).toArray());
    }
}
