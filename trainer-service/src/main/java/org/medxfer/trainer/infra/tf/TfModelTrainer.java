package org.medxfer.trainer.infra.tf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.medxfer.trainer.domain.DataSplit;
import org.medxfer.trainer.domain.EpochListener;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.ImageSet;
import org.medxfer.trainer.domain.ImageSource;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.LabelFraction;
import org.medxfer.trainer.domain.ModelTrainer;
import org.medxfer.trainer.domain.ParameterCounts;
import org.medxfer.trainer.domain.PretrainedWeights;
import org.medxfer.trainer.domain.RocAuc;
import org.medxfer.trainer.domain.Scores;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialFailedException;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * Trains one trial with TensorFlow Java on the calling thread.
 *
 * <p>Reproducibility: every random op is seeded from the trial seed, each epoch's shuffle comes
 * from the trial seed and the epoch number, the optimizer is {@link DeterministicAdam}, and the
 * session always runs with the same thread configuration (TensorFlow results differ between
 * intra-op thread counts, so the count is part of a result's identity).
 */
public final class TfModelTrainer implements ModelTrainer {

  private static final System.Logger LOG = System.getLogger(TfModelTrainer.class.getName());

  /** Inference batch; larger than training batches because no gradients are kept. */
  static final int EVAL_BATCH = 128;

  private final Path weightsDir;
  private final WeightRegistry registry;
  private final int intraOpThreads;

  /**
   * @param weightsDir directory holding the registered weight files
   * @param intraOpThreads TensorFlow intra-op threads; inter-op is always 1
   */
  public TfModelTrainer(Path weightsDir, WeightRegistry registry, int intraOpThreads) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be positive: " + intraOpThreads);
    }
    this.weightsDir = weightsDir;
    this.registry = registry;
    this.intraOpThreads = intraOpThreads;
  }

  @Override
  public ParameterCounts parameterCounts(TrainingSpec spec, int channels) {
    try (TfNetwork network =
        Networks.create(spec.architecture(), spec.numClasses(), channels, spec.seed())) {
      network.checkResolution(spec.resolution());
      // The inference pass creates every variable; optimizer slots are not model parameters.
      network.buildInferencePass(spec.resolution());
      return new ParameterCounts(
          network.variables().parameterCount(true), network.variables().parameterCount(false));
    }
  }

  @Override
  public TrainingResult train(TrainingSpec spec, ImageSource source, EpochListener listener) {
    // Cheap checks first: a trial that cannot run should fail before any download.
    Path weightsFile = checkSpecAndWeights(spec);
    ImageSet train = load(source, DataSplit.TRAIN);
    ImageSet val = load(source, DataSplit.VAL);
    ImageSet test = load(source, DataSplit.TEST);
    checkData(spec, train, val, test);
    if (spec.labelFraction() < 1) {
      train =
          LabelFraction.subset(
              train, LabelFraction.select(train.labels(), spec.labelFraction(), spec.seed()));
    }

    try (TfNetwork network =
        Networks.create(spec.architecture(), spec.numClasses(), train.channels(), spec.seed())) {
      TrainingGraph graph =
          TrainingGraph.build(
              network,
              train.height(),
              train.width(),
              train.channels(),
              spec.resolution(),
              (float) spec.learningRate());
      try (Session session = new Session(network.graph(), sessionConfig(intraOpThreads))) {
        session.initialize();
        if (weightsFile != null) {
          network.loadImageNetWeights(session, weightsFile);
        }
        return fit(spec, network, graph, session, train, val, test, listener);
      }
    } catch (TensorFlowException e) {
      throw new TrialFailedException(
          FailureReason.INTERNAL, "TensorFlow failed: " + e.getMessage(), e);
    }
  }

  private Path checkSpecAndWeights(TrainingSpec spec) {
    try (TfNetwork network = Networks.create(spec.architecture(), spec.numClasses(), 3, 0)) {
      network.checkResolution(spec.resolution());
    }
    if (spec.initialization() != Initialization.IMAGENET) {
      return null;
    }
    PretrainedWeights weights =
        registry
            .forArchitecture(spec.architecture())
            .orElseThrow(
                () ->
                    new TrialFailedException(
                        FailureReason.INVALID_SPEC,
                        spec.architecture().id() + " has no registered ImageNet weights"));
    return registry.verifiedFile(weights, weightsDir);
  }

  private TrainingResult fit(
      TrainingSpec spec,
      TfNetwork network,
      TrainingGraph graph,
      Session session,
      ImageSet train,
      ImageSet val,
      ImageSet test,
      EpochListener listener) {
    long started = System.nanoTime();
    int batch = Math.min(spec.batchSize(), train.count());
    // The last partial batch is dropped: a batch of one has zero variance, and its Bessel-corrected
    // variance would poison the batch-norm moving average. Shuffling rotates who is left out.
    int stepsPerEpoch = train.count() / batch;
    int k = spec.numClasses();
    int imageBytes = train.imageBytes();
    byte[] batchPixels = new byte[batch * imageBytes];
    float[] batchLabels = new float[batch * k];
    Shape batchShape = Shape.of(batch, train.height(), train.width(), train.channels());
    Shape labelShape = Shape.of(batch, k);

    List<EpochMetrics> curve = new ArrayList<>();
    Map<String, float[]> best = null;
    double bestAuc = Double.NaN;
    int bestEpoch = 0;
    long steps = 0;
    for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
      if (spec.earlyStoppingPatience() > 0 && epoch - bestEpoch > spec.earlyStoppingPatience()) {
        break;
      }
      long epochStarted = System.nanoTime();
      int[] order = shuffledOrder(train.count(), spec.seed(), epoch);
      double lossSum = 0;
      for (int step = 0; step < stepsPerEpoch; step++) {
        if (Thread.currentThread().isInterrupted()) {
          throw new CancellationException("trial interrupted at step " + (steps + 1));
        }
        Arrays.fill(batchLabels, 0f);
        for (int i = 0; i < batch; i++) {
          int image = order[step * batch + i];
          System.arraycopy(
              train.pixels(), image * imageBytes, batchPixels, i * imageBytes, imageBytes);
          batchLabels[i * k + train.labels()[image]] = 1f;
        }
        float loss;
        try (TUint8 x = TUint8.tensorOf(batchShape, DataBuffers.of(batchPixels, true, false));
            TFloat32 y = TFloat32.tensorOf(labelShape, DataBuffers.of(batchLabels, true, false));
            Result result =
                session
                    .runner()
                    .feed(graph.images(), x)
                    .feed(graph.labels(), y)
                    .addTarget(graph.trainStep())
                    .fetch(graph.trainLoss())
                    .run()) {
          loss = ((TFloat32) result.get(0)).getFloat();
        }
        steps++;
        if (!Float.isFinite(loss)) {
          throw new TrialFailedException(
              FailureReason.DIVERGED,
              "training loss is "
                  + loss
                  + " at step "
                  + steps
                  + " (epoch "
                  + epoch
                  + ", learning rate "
                  + spec.learningRate()
                  + ")");
        }
        lossSum += loss;
      }
      Evaluation validation = evaluate(session, graph, val, k);
      double valAuc = RocAuc.of(validation.scores(), val.labels(), spec.taskType());
      EpochMetrics metrics =
          new EpochMetrics(
              epoch,
              lossSum / stepsPerEpoch,
              validation.meanLoss(),
              valAuc,
              steps,
              (System.nanoTime() - epochStarted) / 1e9,
              (System.nanoTime() - started) / 1e9);
      curve.add(metrics);
      // Ties keep the earlier epoch; a NaN AUC (single-class validation split) never wins, so
      // the first epoch stands.
      if (best == null || valAuc > bestAuc) {
        best = network.variables().snapshot(session);
        bestAuc = valAuc;
        bestEpoch = epoch;
      }
      LOG.log(
          System.Logger.Level.DEBUG,
          () ->
              String.format(
                  "%s epoch %d: train loss %.4f, val loss %.4f, val AUC %.4f, %.1f s",
                  spec.architecture().id(),
                  metrics.epoch(),
                  metrics.trainLoss(),
                  metrics.valLoss(),
                  metrics.valAuc(),
                  metrics.seconds()));
      listener.onEpoch(metrics);
    }
    network.variables().assign(session, best);
    Scores testScores = evaluate(session, graph, test, k).scores();
    return new TrainingResult(
        testScores,
        test.labels().clone(),
        curve,
        bestEpoch,
        (System.nanoTime() - started) / 1e9,
        steps);
  }

  /** Scores and mean loss of a whole split, inference mode, in input order. */
  private static Evaluation evaluate(Session session, TrainingGraph graph, ImageSet images, int k) {
    float[] probabilities = new float[images.count() * k];
    double lossSum = 0;
    int imageBytes = images.imageBytes();
    for (int start = 0; start < images.count(); start += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, images.count() - start);
      float[] oneHot = new float[n * k];
      for (int i = 0; i < n; i++) {
        oneHot[i * k + images.labels()[start + i]] = 1f;
      }
      byte[] pixels =
          Arrays.copyOfRange(images.pixels(), start * imageBytes, (start + n) * imageBytes);
      try (TUint8 x =
              TUint8.tensorOf(
                  Shape.of(n, images.height(), images.width(), images.channels()),
                  DataBuffers.of(pixels, true, false));
          TFloat32 y = TFloat32.tensorOf(Shape.of(n, k), DataBuffers.of(oneHot, true, false));
          Result result =
              session
                  .runner()
                  .feed(graph.images(), x)
                  .feed(graph.labels(), y)
                  .fetch(graph.evalProbabilities())
                  .fetch(graph.evalLoss())
                  .run()) {
        float[] batchProbabilities = new float[n * k];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(batchProbabilities, false, false));
        System.arraycopy(batchProbabilities, 0, probabilities, start * k, n * k);
        float[] losses = new float[n];
        ((TFloat32) result.get(1)).copyTo(DataBuffers.of(losses, false, false));
        for (float loss : losses) {
          lossSum += loss;
        }
      }
    }
    return new Evaluation(new Scores(images.count(), k, probabilities), lossSum / images.count());
  }

  private record Evaluation(Scores scores, double meanLoss) {}

  /** A permutation of 0..n-1 that depends only on the trial seed and the epoch. */
  static int[] shuffledOrder(int n, long seed, int epoch) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  static ConfigProto sessionConfig(int intraOpThreads) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(1)
        .build();
  }

  private static ImageSet load(ImageSource source, DataSplit split) {
    try {
      return source.load(split);
    } catch (IOException e) {
      throw new TrialFailedException(
          FailureReason.DATA_UNREADABLE,
          "cannot read the "
              + split.name().toLowerCase(java.util.Locale.ROOT)
              + " split: "
              + e.getMessage(),
          e);
    }
  }

  private static void checkData(TrainingSpec spec, ImageSet... splits) {
    ImageSet first = splits[0];
    for (ImageSet split : splits) {
      if (split.height() != first.height()
          || split.width() != first.width()
          || split.channels() != first.channels()) {
        throw new TrialFailedException(
            FailureReason.INVALID_DATA,
            "splits differ in image shape: "
                + first.height()
                + "x"
                + first.width()
                + "x"
                + first.channels()
                + " and "
                + split.height()
                + "x"
                + split.width()
                + "x"
                + split.channels());
      }
      for (int label : split.labels()) {
        if (label < 0 || label >= spec.numClasses()) {
          throw new TrialFailedException(
              FailureReason.INVALID_DATA,
              "label " + label + " is outside 0.." + (spec.numClasses() - 1));
        }
      }
    }
  }
}
