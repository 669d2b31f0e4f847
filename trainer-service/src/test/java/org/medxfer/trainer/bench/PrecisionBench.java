package org.medxfer.trainer.bench;

import java.util.Locale;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.RocAuc;
import org.medxfer.trainer.domain.TaskType;
import org.medxfer.trainer.domain.TrainingOptions;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.fixtures.MedMnist;
import org.medxfer.trainer.fixtures.Paths;
import org.medxfer.trainer.infra.tf.TfModelTrainer;
import org.medxfer.trainer.infra.tf.WeightRegistry;

/**
 * Trains the same trials in float32 and in bfloat16 mixed precision on BreastMNIST and prints the
 * training rate and test AUC side by side. Asserts nothing. Options: {@code -Darms=
 * mobilenet_v1_025:IMAGENET,...}, {@code -Dresolution}, {@code -Depochs}, {@code -Dlr}, {@code
 * -Dbatch}, {@code -Dseed}, {@code -Dthreads}.
 */
public final class PrecisionBench {

  private PrecisionBench() {}

  public static void main(String[] args) {
    String arms = System.getProperty("arms", "mobilenet_v1_025:IMAGENET,squeezenet1_1:IMAGENET");
    int resolution = Integer.getInteger("resolution", 64);
    int epochs = Integer.getInteger("epochs", 6);
    double lr = Double.parseDouble(System.getProperty("lr", "0.003"));
    int batch = Integer.getInteger("batch", 32);
    long seed = Long.getLong("seed", 1);
    int threads = Integer.getInteger("threads", 2);

    MedMnist data = MedMnist.breast();
    TfModelTrainer trainer =
        new TfModelTrainer(Paths.weightsDir(), WeightRegistry.bundled(), threads);
    System.out.printf(
        Locale.ROOT,
        "BreastMNIST, %d px, %d epochs, lr %s, batch %d, seed %d, %d threads%n",
        resolution,
        epochs,
        lr,
        batch,
        seed,
        threads);
    System.out.println(
        "| arm | precision | s/epoch | train img/s | test AUC | speed-up | AUC difference |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String arm : arms.split(",")) {
      String[] parts = arm.trim().split(":");
      TrainingSpec fp32 =
          new TrainingSpec(
              Architecture.fromId(parts[0]),
              Initialization.valueOf(parts[1]),
              epochs,
              batch,
              lr,
              seed,
              resolution,
              2,
              TaskType.BINARY,
              1.0,
              0);
      double[] reference = null;
      for (TrainingOptions.Precision precision : TrainingOptions.Precision.values()) {
        TrainingSpec spec = fp32.withOptions(fp32.options().withPrecision(precision));
        TrainingResult result = trainer.train(spec, data, m -> {});
        // Epoch 1 carries graph optimisation (and the bf16 rewrite); the steady state skips it.
        double seconds =
            result.curve().stream()
                .skip(result.curve().size() > 1 ? 1 : 0)
                .mapToDouble(EpochMetrics::seconds)
                .average()
                .orElse(Double.NaN);
        double imagesPerSecond = (double) result.steps() / result.curve().size() * batch / seconds;
        double auc = RocAuc.of(result.testScores(), result.testLabels(), TaskType.BINARY);
        if (reference == null) {
          reference = new double[] {imagesPerSecond, auc};
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %.2f | %.0f | %.4f | %.2fx | %+.4f |%n",
            arm.trim(),
            precision,
            seconds,
            imagesPerSecond,
            auc,
            imagesPerSecond / reference[0],
            auc - reference[1]);
      }
    }
  }
}
