package org.medxfer.trainer.infra.tf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import org.medxfer.trainer.domain.DataSplit;
import org.medxfer.trainer.domain.EpochListener;
import org.medxfer.trainer.domain.EpochMetrics;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.ImageAugmenter;
import org.medxfer.trainer.domain.ImageSet;
import org.medxfer.trainer.domain.ImageSource;
import org.medxfer.trainer.domain.Initialization;
import org.medxfer.trainer.domain.LabelFraction;
import org.medxfer.trainer.domain.ModelTrainer;
import org.medxfer.trainer.domain.ParameterCounts;
import org.medxfer.trainer.domain.PretrainedWeights;
import org.medxfer.trainer.domain.RocAuc;
import org.medxfer.trainer.domain.Scores;
import org.medxfer.trainer.domain.TrainingOptions;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialCheckpoints;
import org.medxfer.trainer.domain.TrialFailedException;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
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
  public TrainingResult train(
      TrainingSpec spec, ImageSource source, EpochListener listener, TrialCheckpoints checkpoints) {
    // Cheap checks first: a trial that cannot run should fail before any download.
    StartingWeights start = checkSpecAndWeights(spec, checkpoints);
    ImageSet train = load(source, DataSplit.TRAIN);
    ImageSet val = load(source, DataSplit.VAL);
    ImageSet test = load(source, DataSplit.TEST);
    checkData(spec, train, val, test);
    checkPadding(spec, train);
    if (spec.labelFraction() < 1) {
      train =
          LabelFraction.subset(
              train, LabelFraction.select(train.labels(), spec.labelFraction(), spec.seed()));
    }

    try (TfNetwork network =
        Networks.create(spec.architecture(), spec.numClasses(), train.channels(), spec.seed())) {
      Set<Integer> frozenCounts = new TreeSet<>();
      for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
        frozenCounts.add(spec.options().adaptation().frozenBlocks(epoch, start.blocks()));
      }
      TrainingGraph graph =
          TrainingGraph.build(
              network,
              train.height(),
              train.width(),
              train.channels(),
              new TrainingGraph.Settings(
                  spec.resolution(),
                  (float) spec.learningRate(),
                  spec.options(),
                  normalization(spec, network, train),
                  frozenCounts));
      try (Session session =
          new Session(network.graph(), sessionConfig(intraOpThreads, spec.options().precision()))) {
        session.initialize();
        WeightInitializer.apply(spec, network, session, start.imageNetFile(), start.sourceModel());
        return fit(spec, network, graph, session, train, val, test, listener, checkpoints, start);
      }
    } catch (TensorFlowException e) {
      throw new TrialFailedException(
          FailureReason.INTERNAL, "TensorFlow failed: " + e.getMessage(), e);
    }
  }

  /**
   * What a trial starts from, checked before any image is read.
   *
   * @param blocks the architecture's backbone block count
   * @param imageNetFile the verified ImageNet weight file, or null when the init needs none
   * @param sourceModel the source trial's final model, or null
   */
  private record StartingWeights(int blocks, Path imageNetFile, StoredState.Model sourceModel) {}

  private StartingWeights checkSpecAndWeights(TrainingSpec spec, TrialCheckpoints checkpoints) {
    int blocks;
    try (TfNetwork network = Networks.create(spec.architecture(), spec.numClasses(), 3, 0)) {
      network.checkResolution(spec.resolution());
      network.buildInferencePass(spec.resolution());
      blocks = network.blockNames().size();
    }
    TrainingOptions options = spec.options();
    checkBlock(
        "adaptation.freeze_up_to_block", options.adaptation().freezeUpToBlock(), blocks, spec);
    if (spec.initialization() == Initialization.PARTIAL) {
      checkBlock("init.up_to_block", options.initUpToBlock(), blocks, spec);
    }
    if (spec.initialization() == Initialization.TRIAL_CHECKPOINT) {
      byte[] model =
          checkpoints
              .finalModelOf(options.sourceTrial())
              .orElseThrow(
                  () ->
                      new TrialFailedException(
                          FailureReason.WEIGHTS_MISSING,
                          "init.source_trial "
                              + options.sourceTrial()
                              + " has stored no final model (it has not completed)"));
      try {
        return new StartingWeights(blocks, null, StoredState.decodeModel(model));
      } catch (IllegalArgumentException e) {
        throw new TrialFailedException(
            FailureReason.WEIGHTS_CORRUPT,
            "the final model of " + options.sourceTrial() + " is unreadable: " + e.getMessage(),
            e);
      }
    }
    if (!spec.initialization().usesImageNetWeights()) {
      return new StartingWeights(blocks, null, null);
    }
    PretrainedWeights weights =
        registry
            .forArchitecture(spec.architecture())
            .orElseThrow(
                () ->
                    new TrialFailedException(
                        FailureReason.INVALID_SPEC,
                        spec.architecture().id() + " has no registered ImageNet weights"));
    return new StartingWeights(blocks, registry.verifiedFile(weights, weightsDir), null);
  }

  private static void checkBlock(String field, int block, int blocks, TrainingSpec spec) {
    if (block > blocks) {
      throw new TrialFailedException(
          FailureReason.INVALID_SPEC,
          field
              + " is "
              + block
              + " but "
              + spec.architecture().id()
              + " has "
              + blocks
              + " blocks");
    }
  }

  /**
   * The network's own preprocessing for weights trained with it; the training split's per-channel
   * statistics for a random start or when the study asks for them.
   */
  private static TrainingGraph.InputNormalization normalization(
      TrainingSpec spec, TfNetwork network, ImageSet train) {
    TrainingOptions.Normalization choice = spec.options().normalization();
    boolean dataset =
        choice == TrainingOptions.Normalization.DATASET
            || (choice == TrainingOptions.Normalization.MATCHED
                && spec.initialization() == Initialization.RANDOM);
    if (!dataset) {
      return new TrainingGraph.InputNormalization.Network();
    }
    int channels = train.channels();
    double[] sum = new double[channels];
    double[] sumSquares = new double[channels];
    byte[] pixels = train.pixels();
    for (int i = 0; i < pixels.length; i++) {
      int value = pixels[i] & 0xff;
      sum[i % channels] += value;
      sumSquares[i % channels] += (double) value * value;
    }
    long perChannel = pixels.length / channels;
    int outChannels = network.inputChannels();
    float[] mean = new float[outChannels];
    float[] std = new float[outChannels];
    for (int c = 0; c < outChannels; c++) {
      int source = c % channels;
      double m = sum[source] / perChannel;
      double variance = Math.max(0, sumSquares[source] / perChannel - m * m);
      mean[c] = (float) m;
      // A constant channel would divide by zero; 1 leaves it centred.
      std[c] = variance > 0 ? (float) Math.sqrt(variance) : 1f;
    }
    return new TrainingGraph.InputNormalization.Statistics(mean, std);
  }

  private TrainingResult fit(
      TrainingSpec spec,
      TfNetwork network,
      TrainingGraph graph,
      Session session,
      ImageSet train,
      ImageSet val,
      ImageSet test,
      EpochListener listener,
      TrialCheckpoints checkpoints,
      StartingWeights start) {
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
    ImageAugmenter augmenter =
        new ImageAugmenter(
            spec.options().augmentation(),
            spec.seed(),
            train.height(),
            train.width(),
            train.channels());

    String specKey = spec + " threads=" + intraOpThreads;
    List<EpochMetrics> curve = new ArrayList<>();
    Map<String, float[]> best = null;
    double bestAuc = Double.NaN;
    int bestEpoch = 0;
    long steps = 0;
    int firstEpoch = 1;
    StoredState.Checkpoint resumed = resumable(checkpoints, specKey);
    if (resumed != null) {
      TrainingCheckpoints.restore(session, resumed);
      curve.addAll(resumed.curve());
      best = resumed.best();
      bestAuc = resumed.bestAuc();
      bestEpoch = resumed.bestEpoch();
      steps = resumed.steps();
      firstEpoch = resumed.epoch() + 1;
      LOG.log(
          System.Logger.Level.INFO,
          "resuming " + spec.architecture().id() + " after epoch " + resumed.epoch());
      // The new delivery's listeners get the whole curve, as if nothing had been interrupted.
      curve.forEach(listener::onEpoch);
    }
    for (int epoch = firstEpoch; epoch <= spec.epochs(); epoch++) {
      if (spec.earlyStoppingPatience() > 0 && epoch - bestEpoch > spec.earlyStoppingPatience()) {
        break;
      }
      long epochStarted = System.nanoTime();
      TrainingGraph.Phase phase =
          graph.phase(spec.options().adaptation().frozenBlocks(epoch, start.blocks()));
      float learningRate =
          (float) (spec.learningRate() * spec.options().schedule().factor(epoch, spec.epochs()));
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
        augmenter.apply(batchPixels, batch, epoch, step);
        float loss;
        try (TUint8 x = TUint8.tensorOf(batchShape, DataBuffers.of(batchPixels, true, false));
            TFloat32 y = TFloat32.tensorOf(labelShape, DataBuffers.of(batchLabels, true, false));
            TFloat32 rate = TFloat32.scalarOf(learningRate);
            Result result =
                session
                    .runner()
                    .feed(graph.images(), x)
                    .feed(graph.labels(), y)
                    .feed(graph.learningRate(), rate)
                    .addTarget(phase.trainStep())
                    .fetch(phase.trainLoss())
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
                  + learningRate
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
      checkpoints.saveCheckpoint(
          StoredState.encode(
              TrainingCheckpoints.capture(
                  session, specKey, epoch, steps, curve, bestEpoch, bestAuc, best)));
      listener.onEpoch(metrics);
    }
    network.variables().assign(session, best);
    Scores testScores = evaluate(session, graph, test, k).scores();
    checkpoints.saveFinalModel(StoredState.encode(finalModel(spec, network, best)));
    return new TrainingResult(
        testScores,
        test.labels().clone(),
        curve,
        bestEpoch,
        (System.nanoTime() - started) / 1e9,
        steps);
  }

  /** The stored checkpoint if it belongs to this spec and thread setting; null otherwise. */
  private static StoredState.Checkpoint resumable(TrialCheckpoints checkpoints, String specKey) {
    Optional<byte[]> stored = checkpoints.lastCheckpoint();
    if (stored.isEmpty()) {
      return null;
    }
    try {
      StoredState.Checkpoint checkpoint = StoredState.decodeCheckpoint(stored.get());
      if (checkpoint.specKey().equals(specKey)) {
        return checkpoint;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "ignoring a checkpoint of another spec or thread setting; starting over");
    } catch (IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, "ignoring an unreadable checkpoint: " + e.getMessage());
    }
    return null;
  }

  private static StoredState.Model finalModel(
      TrainingSpec spec, TfNetwork network, Map<String, float[]> weights) {
    Map<String, StoredState.Tensor> variables = new LinkedHashMap<>();
    for (ModelVariables.Entry entry : network.variables().entries()) {
      variables.put(
          entry.name(), new StoredState.Tensor(entry.shape().asArray(), weights.get(entry.name())));
    }
    return new StoredState.Model(spec.architecture().id(), spec.numClasses(), variables);
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
    return sessionConfig(intraOpThreads, TrainingOptions.Precision.FP32);
  }

  /**
   * Thread settings, and for {@link TrainingOptions.Precision#BF16_MIXED} oneDNN's automatic
   * bfloat16 rewrite: matmuls and convolutions run in bfloat16, variables stay float32.
   */
  static ConfigProto sessionConfig(int intraOpThreads, TrainingOptions.Precision precision) {
    ConfigProto.Builder config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intraOpThreads)
            .setInterOpParallelismThreads(1);
    if (precision == TrainingOptions.Precision.BF16_MIXED) {
      config.setGraphOptions(
          GraphOptions.newBuilder()
              .setRewriteOptions(
                  RewriterConfig.newBuilder()
                      .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)));
    }
    return config.build();
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

  private static void checkPadding(TrainingSpec spec, ImageSet images) {
    if (spec.options().resize() == TrainingOptions.ResizeMode.PAD
        && (images.height() > spec.resolution() || images.width() > spec.resolution())) {
      throw new TrialFailedException(
          FailureReason.INVALID_SPEC,
          "resize PAD cannot bring "
              + images.height()
              + "x"
              + images.width()
              + " images to resolution "
              + spec.resolution()
              + "; padding only grows an image");
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
