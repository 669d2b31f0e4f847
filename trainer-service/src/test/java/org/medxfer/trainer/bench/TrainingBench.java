package org.medxfer.trainer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.RocAuc;
import org.medxfer.trainer.domain.TaskType;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.fixtures.MedMnist;
import org.medxfer.trainer.fixtures.Paths;
import org.medxfer.trainer.infra.tf.TfModelTrainer;
import org.medxfer.trainer.infra.tf.WeightRegistry;

/**
 * Prints seconds per epoch and AUCs for architecture x initialisation arms on BreastMNIST. A
 * benchmark, not a test: it asserts nothing. See the module README for how to run it.
 *
 * <p>System properties (defaults in brackets): {@code arms}
 * [mobilenet_v1_025:RANDOM,mobilenet_v1_025:IMAGENET,squeezenet1_1:RANDOM,squeezenet1_1:IMAGENET],
 * {@code resolution} [64], {@code epochs} [10], {@code lr} [0.001], {@code batch} [32], {@code
 * seeds} [1], {@code threads} [2], {@code curve} [false].
 */
public final class TrainingBench {

  private TrainingBench() {}

  public static void main(String[] args) {
    String arms =
        System.getProperty(
            "arms",
            "mobilenet_v1_025:RANDOM,mobilenet_v1_025:IMAGENET,"
                + "squeezenet1_1:RANDOM,squeezenet1_1:IMAGENET");
    int resolution = Integer.getInteger("resolution", 64);
    int epochs = Integer.getInteger("epochs", 10);
    double lr = Double.parseDouble(System.getProperty("lr", "0.001"));
    int batch = Integer.getInteger("batch", 32);
    int threads = Integer.getInteger("threads", 2);
    boolean printCurve = Boolean.getBoolean("curve");
    List<Long> seeds = new ArrayList<>();
    for (String seed : System.getProperty("seeds", "1").split(",")) {
      seeds.add(Long.parseLong(seed.trim()));
    }

    MedMnist data = MedMnist.breast();
    TfModelTrainer trainer =
        new TfModelTrainer(Paths.weightsDir(), WeightRegistry.bundled(), threads);
    System.out.printf(
        Locale.ROOT,
        "BreastMNIST, %d px, %d epochs, lr %s, batch %d, %d threads%n",
        resolution,
        epochs,
        lr,
        batch,
        threads);
    System.out.println(
        "| arm | seed | trainable params | s/epoch | training s | wall s | best epoch | val AUC"
            + " | test AUC |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    double grandTotal = 0;
    for (String arm : arms.split(",")) {
      String[] parts = arm.trim().split(":");
      for (long seed : seeds) {
        TrainingSpec spec =
            TrainingSpec.of(
                Architecture.fromId(parts[0]),
                Initialization.valueOf(parts[1]),
                epochs,
                batch,
                lr,
                seed,
                resolution,
                2,
                TaskType.BINARY);
        long started = System.nanoTime();
        long trainable = trainer.parameterCounts(spec, 1).trainable();
        TrainingResult result =
            trainer.train(
                spec,
                data,
                m -> {
                  if (printCurve) {
                    System.out.printf(
                        Locale.ROOT,
                        "    epoch %d: train loss %.4f, val loss %.4f, val AUC %.4f, %.2f s%n",
                        m.epoch(),
                        m.trainLoss(),
                        m.valLoss(),
                        m.valAuc(),
                        m.seconds());
                  }
                });
        // Epoch 1 carries graph optimisation and warm-up; the steady-state figure skips it.
        double steady =
            result.curve().stream()
                .skip(result.curve().size() > 1 ? 1 : 0)
                .mapToDouble(EpochMetrics::seconds)
                .average()
                .orElse(Double.NaN);
        // Wall time adds graph building, weight loading and data checks to the training seconds.
        double wall = (System.nanoTime() - started) / 1e9;
        grandTotal += wall;
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %,d | %.2f | %.1f | %.1f | %d | %.4f | %.4f |%n",
            arm.trim(),
            seed,
            trainable,
            steady,
            result.trainingSeconds(),
            wall,
            result.bestEpoch(),
            result.bestValAuc(),
            RocAuc.of(result.testScores(), result.testLabels(), TaskType.BINARY));
      }
    }
    System.out.printf(Locale.ROOT, "total wall seconds: %.1f%n", grandTotal);
  }
}
