package org.medxfer.trainer.infra.tf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medxfer.common.images.LabeledImages;
import org.medxfer.common.images.MedMnistNpz;
import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.DataSplit;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.ImageSet;
import org.medxfer.trainer.domain.ImageSource;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.TaskType;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.infra.objectstore.LabeledImagesMapper;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * {@code medxfer bench train}: training and inference images per second of each architecture, in
 * process, on real BreastMNIST images held in memory (the bare step rate: the product's training
 * graph and nothing around it), with the achieved FLOP/s from the counted forward FLOPs. With
 * {@code --epoch} it also runs the product's trainer for two epochs and prints the whole-epoch rate
 * (data path and validation included). A benchmark: it prints figures and asserts nothing.
 *
 * <pre>
 * --model M[,M...]   architecture ids (default resnet18); "all" for the whole zoo
 * --size S[,S...]    input resolutions in pixels (default 28); too small ones are skipped
 * --batch B          images per step (default 32)
 * --warmup N         untimed steps first (default 3)
 * --steps N          timed steps (default 5)
 * --threads N        TensorFlow intra-op threads (default 2)
 * --precision P      fp32, bf16 or both (default fp32)
 * --epoch            also the whole-epoch rate through the trainer
 * --tsv FILE         append rows in the throughput-cpu.tsv format
 * --machine NAME     the machine column of those rows (default cpu-2core)
 * --home DIR         repository root holding data/medmnist/breastmnist.npz (default .)
 * </pre>
 */
public final class ModelBench {

  private static final String DATA_FILE = "data/medmnist/breastmnist.npz";
  private static final float LEARNING_RATE = 1e-3f;

  private ModelBench() {}

  /** One measurement. */
  record Figures(
      String model,
      int resolution,
      int batch,
      String precision,
      long trainableParameters,
      long forwardFlops,
      double trainImagesPerSecond,
      double trainCoresUsed,
      double inferenceImagesPerSecond,
      double epochImagesPerSecond) {

    double trainFlopsPerSecond() {
      return trainImagesPerSecond * forwardFlops * FlopCount.TRAINING_STEP_FORWARDS;
    }

    double inferenceFlopsPerSecond() {
      return inferenceImagesPerSecond * forwardFlops;
    }
  }

  public static void main(String[] args) {
    Map<String, String> options = parse(args);
    List<Architecture> models = models(options.getOrDefault("model", "resnet18"));
    int[] sizes = ints(options.getOrDefault("size", "28"));
    int batch = Integer.parseInt(options.getOrDefault("batch", "32"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
    int steps = Integer.parseInt(options.getOrDefault("steps", "5"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
    String precision = options.getOrDefault("precision", "fp32");
    List<String> precisions =
        precision.equals("both") ? List.of("fp32", "bf16") : List.of(precision);
    for (String p : precisions) {
      if (!p.equals("fp32") && !p.equals("bf16")) {
        throw new IllegalArgumentException("--precision must be fp32, bf16 or both, not " + p);
      }
    }
    boolean epoch = options.containsKey("epoch");
    Path home = Path.of(options.getOrDefault("home", System.getProperty("medxfer.home", ".")));
    Map<DataSplit, ImageSet> data = breastMnist(home.resolve(DATA_FILE));
    ImageSet train = data.get(DataSplit.TRAIN);
    if (batch < 2 || batch > train.count()) {
      throw new IllegalArgumentException(
          "--batch must be in 2.." + train.count() + ", not " + batch);
    }

    System.out.printf(
        Locale.ROOT,
        "BreastMNIST images (28x28 grey, resized in the graph), batch %d, %d warm-up + %d timed"
            + " steps, %d intra-op threads, %d CPUs%n",
        batch,
        warmup,
        steps,
        threads,
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| model | px | precision | trainable params | forward GFLOP/img | train img/s"
            + " | train GFLOP/s | cores used | inference img/s | inference GFLOP/s"
            + (epoch ? " | whole-epoch img/s |" : " |"));
    System.out.println("|---|---|---|---|---|---|---|---|---|---|" + (epoch ? "---|" : ""));
    List<Figures> all = new ArrayList<>();
    for (Architecture model : models) {
      for (int size : sizes) {
        for (String p : precisions) {
          Figures figures;
          try {
            figures = measure(model, size, batch, warmup, steps, threads, p, train);
          } catch (TrialFailedException e) {
            System.out.printf(
                Locale.ROOT,
                "| %s | %d | %s | skipped: %s |%n",
                model.id(),
                size,
                p,
                e.getMessage());
            continue;
          }
          if (epoch) {
            figures = withEpochRate(figures, data, threads, p);
          }
          all.add(figures);
          print(figures, epoch);
        }
      }
    }
    if (options.containsKey("tsv")) {
      appendTsv(Path.of(options.get("tsv")), all, options.getOrDefault("machine", "cpu-2core"));
    }
  }

  static Figures measure(
      Architecture model,
      int resolution,
      int batch,
      int warmup,
      int steps,
      int threads,
      String precision,
      ImageSet train) {
    int[] labels = Arrays.copyOf(train.labels(), batch);
    byte[] pixels = Arrays.copyOf(train.pixels(), batch * train.imageBytes());
    try (TfNetwork network = Networks.create(model, 2, train.channels(), 1);
        BareTrainingSteps bench =
            new BareTrainingSteps(
                network,
                pixels,
                labels,
                train.height(),
                train.width(),
                train.channels(),
                resolution,
                LEARNING_RATE,
                sessionConfig(threads, precision))) {
      for (int i = 0; i < warmup; i++) {
        bench.trainStep();
      }
      long started = System.nanoTime();
      long cpuStarted = processCpuNanos();
      for (int i = 0; i < steps; i++) {
        bench.trainStep();
      }
      long wall = System.nanoTime() - started;
      double trainRate = (double) steps * batch / (wall / 1e9);
      // On a shared machine the process gets less than its threads; this says how much it got.
      double coresUsed = (double) (processCpuNanos() - cpuStarted) / wall;
      bench.infer();
      started = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        bench.infer();
      }
      double inferenceRate = (double) steps * batch / ((System.nanoTime() - started) / 1e9);
      return new Figures(
          model.id(),
          resolution,
          batch,
          precision,
          bench.trainableParameters(),
          bench.forwardFlopsPerImage(),
          trainRate,
          coresUsed,
          inferenceRate,
          Double.NaN);
    }
  }

  /** Two epochs through the product's trainer; the second one's rate (the first warms up). */
  private static Figures withEpochRate(
      Figures figures, Map<DataSplit, ImageSet> data, int threads, String precision) {
    if (!precision.equals("fp32")) {
      // The trainer's precision option belongs to the trial spec; only fp32 runs here.
      return figures;
    }
    TrainingSpec spec =
        TrainingSpec.of(
            Architecture.fromId(figures.model()),
            Initialization.RANDOM,
            2,
            figures.batch(),
            LEARNING_RATE,
            1,
            figures.resolution(),
            2,
            TaskType.BINARY);
    ImageSource source = data::get;
    TrainingResult result =
        new TfModelTrainer(Path.of("."), WeightRegistry.bundled(), threads)
            .train(spec, source, metrics -> {});
    EpochMetrics second = result.curve().get(result.curve().size() - 1);
    int train = data.get(DataSplit.TRAIN).count();
    // The trainer drops the last partial batch.
    int images = train / figures.batch() * figures.batch();
    return new Figures(
        figures.model(),
        figures.resolution(),
        figures.batch(),
        figures.precision(),
        figures.trainableParameters(),
        figures.forwardFlops(),
        figures.trainImagesPerSecond(),
        figures.trainCoresUsed(),
        figures.inferenceImagesPerSecond(),
        images / second.seconds());
  }

  /**
   * Intra-op {@code threads}, inter-op 1, as the trainer runs; bf16 turns on oneDNN's automatic
   * mixed-precision rewrite (weights stay float32, convolutions and matmuls run in bfloat16).
   */
  static ConfigProto sessionConfig(int threads, String precision) {
    ConfigProto.Builder config = TfModelTrainer.sessionConfig(threads).toBuilder();
    if (precision.equals("bf16")) {
      config.setGraphOptions(
          GraphOptions.newBuilder()
              .setRewriteOptions(
                  RewriterConfig.newBuilder()
                      .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)));
    }
    return config.build();
  }

  private static void print(Figures f, boolean epoch) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %s | %,d | %.3f | %.1f | %.1f | %.2f | %.1f | %.1f |%s%n",
        f.model(),
        f.resolution(),
        f.precision(),
        f.trainableParameters(),
        f.forwardFlops() / 1e9,
        f.trainImagesPerSecond(),
        f.trainFlopsPerSecond() / 1e9,
        f.trainCoresUsed(),
        f.inferenceImagesPerSecond(),
        f.inferenceFlopsPerSecond() / 1e9,
        !epoch
            ? ""
            : Double.isNaN(f.epochImagesPerSecond())
                ? " - |"
                : String.format(Locale.ROOT, " %.1f |", f.epochImagesPerSecond()));
  }

  /** Rows of {@code architecture resolution batch train/s inference/s machine}. */
  private static void appendTsv(Path file, List<Figures> figures, String machine) {
    StringBuilder rows = new StringBuilder();
    for (Figures f : figures) {
      if (!f.precision().equals("fp32")) {
        continue;
      }
      rows.append(
          String.format(
              Locale.ROOT,
              "%s\t%d\t%d\t%.1f\t%.1f\t%s%n",
              f.model(),
              f.resolution(),
              f.batch(),
              f.trainImagesPerSecond(),
              f.inferenceImagesPerSecond(),
              machine));
    }
    try {
      Files.writeString(
          file,
          rows.toString(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /** CPU time of the whole process (TensorFlow's native threads included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Map<DataSplit, ImageSet> breastMnist(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Map<String, LabeledImages> read = MedMnistNpz.read(in, file.getFileName().toString());
      Map<DataSplit, ImageSet> splits = new EnumMap<>(DataSplit.class);
      for (DataSplit split : DataSplit.values()) {
        splits.put(
            split, LabeledImagesMapper.toImageSet(read.get(split.name().toLowerCase(Locale.ROOT))));
      }
      return splits;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + " (set --home to the repository root)", e);
    }
  }

  private static List<Architecture> models(String list) {
    if (list.equals("all")) {
      return Arrays.stream(Architecture.values())
          .filter(a -> a != Architecture.CUSTOM_CNN)
          .toList();
    }
    return Arrays.stream(list.split(",")).map(String::trim).map(Architecture::fromId).toList();
  }

  private static int[] ints(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }

  /** {@code --key value} pairs; {@code --epoch} is a flag. */
  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String key = args[i].substring(2);
      if (key.equals("epoch")) {
        options.put(key, "true");
      } else if (i + 1 < args.length) {
        options.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + key + " needs a value");
      }
    }
    return options;
  }
}
