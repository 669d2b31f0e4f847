package org.medxfer.trainer.infra.tf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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
import org.medxfer.trainer.domain.TaskType;
import org.medxfer.trainer.domain.TrainingOptions;
import org.medxfer.trainer.domain.TrainingResult;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialCheckpoints;
import org.medxfer.trainer.domain.TrialFailedException;
import org.medxfer.trainer.domain.WeightFiles;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
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

  /** Floats of frozen-backbone features kept between trials: 128 MB. */
  static final long FEATURE_CACHE_FLOATS = 32L << 20;

  private final WeightFiles weightFiles;
  private final WeightRegistry registry;
  private final FeatureCache featureCache = new FeatureCache(FEATURE_CACHE_FLOATS);
  private final int intraOpThreads;

  /**
   * @param weightsDir directory holding the registered weight files
   * @param intraOpThreads TensorFlow intra-op threads; inter-op is always 1
   */
  public TfModelTrainer(Path weightsDir, WeightRegistry registry, int intraOpThreads) {
    this(registry, weights -> registry.verifiedFile(weights, weightsDir), intraOpThreads);
  }

  /**
   * @param weightFiles where registered weight files come from
   * @param intraOpThreads TensorFlow intra-op threads; inter-op is always 1
   */
  public TfModelTrainer(WeightRegistry registry, WeightFiles weightFiles, int intraOpThreads) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be positive: " + intraOpThreads);
    }
    this.weightFiles = weightFiles;
    this.registry = registry;
    this.intraOpThreads = intraOpThreads;
  }

  @Override
  public ParameterCounts parameterCounts(TrainingSpec spec, int channels) {
    try (TfNetwork network = Networks.create(spec, channels, spec.seed())) {
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

    try (TfNetwork network = Networks.create(spec, train.channels(), spec.seed())) {
      Set<Integer> frozenCounts = new TreeSet<>();
      for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
        frozenCounts.add(spec.options().adaptation().frozenBlocks(epoch, start.blocks()));
      }
      TrainingGraph.InputNormalization normalization =
          normalization(spec, network, train, start.sourceModel());
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
                  normalization,
                  frozenCounts,
                  spec.taskType() == TaskType.MULTI_LABEL));
      try (Session session =
          new Session(network.graph(), sessionConfig(intraOpThreads, spec.options().precision()))) {
        session.initialize();
        WeightInitializer.apply(spec, network, session, start.imageNetFile(), start.sourceModel());
        Run run = new Run(spec, network, graph, session, normalization, start);
        return fit(run, train, val, test, listener, checkpoints);
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
    try (TfNetwork network = Networks.create(spec, 3, 0)) {
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
    return new StartingWeights(blocks, weightFiles.verifiedFile(weights), null);
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
   * Matched to the init: the network's own preprocessing for ImageNet-derived weights, the source
   * model's normalisation for another trial's model, the training split's per-channel statistics
   * for a random start; or what the study asks for.
   */
  private static TrainingGraph.InputNormalization normalization(
      TrainingSpec spec, TfNetwork network, ImageSet train, StoredState.Model sourceModel) {
    TrainingOptions.Normalization choice = spec.options().normalization();
    if (choice == TrainingOptions.Normalization.MATCHED && sourceModel != null) {
      return sourceModel.inputMean().length == 0
          ? new TrainingGraph.InputNormalization.Network()
          : new TrainingGraph.InputNormalization.Statistics(
              sourceModel.inputMean(), sourceModel.inputStd());
    }
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

  /**
   * One trial's built pieces.
   *
   * @param normalization the input normalisation, part of the feature-cache key and of the model
   */
  private record Run(
      TrainingSpec spec,
      TfNetwork network,
      TrainingGraph graph,
      Session session,
      TrainingGraph.InputNormalization normalization,
      StartingWeights start) {}

  private static String describe(TrainingGraph.InputNormalization normalization) {
    if (normalization instanceof TrainingGraph.InputNormalization.Statistics statistics) {
      return "mean "
          + Arrays.toString(statistics.mean())
          + " std "
          + Arrays.toString(statistics.std());
    }
    return "network";
  }

  private TrainingResult fit(
      Run run,
      ImageSet train,
      ImageSet val,
      ImageSet test,
      EpochListener listener,
      TrialCheckpoints checkpoints) {
    TrainingSpec spec = run.spec();
    TfNetwork network = run.network();
    TrainingGraph graph = run.graph();
    Session session = run.session();
    StartingWeights start = run.start();
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
    float[] trainFeatures = null;
    float[] valFeatures = null;
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
      int frozen = spec.options().adaptation().frozenBlocks(epoch, start.blocks());
      TrainingGraph.Phase phase = graph.phase(frozen);
      // A fully frozen backbone without augmentation sees the same images every epoch and
      // computes the same features: compute them once (or find them cached) and train the head.
      boolean fromFeatures =
          frozen == start.blocks()
              && phase.features() != null
              && graph.evalFeatures() != null
              && !spec.options().augmentation().enabled();
      if (fromFeatures && trainFeatures == null) {
        trainFeatures = features(run, train);
        valFeatures = features(run, val);
      }
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
          spec.taskType()
              .writeTarget(train.labels()[order[step * batch + i]], k, batchLabels, i * k);
        }
        Session.Runner runner = session.runner();
        float loss;
        try (Tensor x =
                fromFeatures
                    ? featureBatch(runner, phase, trainFeatures, train.count(), order, step, batch)
                    : imageBatch(
                        runner,
                        graph,
                        train,
                        batchPixels,
                        batchShape,
                        order,
                        step,
                        batch,
                        augmenter,
                        epoch);
            TFloat32 y = TFloat32.tensorOf(labelShape, DataBuffers.of(batchLabels, true, false));
            TFloat32 rate = TFloat32.scalarOf(learningRate);
            Result result =
                runner
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
      Evaluation validation =
          evaluate(session, graph, val, spec, fromFeatures ? valFeatures : null);
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
    Scores testScores = evaluate(session, graph, test, spec, null).scores();
    checkpoints.saveFinalModel(
        StoredState.encode(finalModel(spec, network, best, run.normalization())));
    return new TrainingResult(
        testScores,
        test.labels().clone(),
        curve,
        bestEpoch,
        (System.nanoTime() - started) / 1e9,
        steps);
  }

  /** Feeds one training batch of stored images, augmented, to the training pass. */
  private static Tensor imageBatch(
      Session.Runner runner,
      TrainingGraph graph,
      ImageSet train,
      byte[] batchPixels,
      Shape batchShape,
      int[] order,
      int step,
      int batch,
      ImageAugmenter augmenter,
      int epoch) {
    int imageBytes = train.imageBytes();
    for (int i = 0; i < batch; i++) {
      System.arraycopy(
          train.pixels(),
          order[step * batch + i] * imageBytes,
          batchPixels,
          i * imageBytes,
          imageBytes);
    }
    augmenter.apply(batchPixels, batch, epoch, step);
    TUint8 x = TUint8.tensorOf(batchShape, DataBuffers.of(batchPixels, true, false));
    runner.feed(graph.images(), x);
    return x;
  }

  /** Feeds one training batch of precomputed features to a fully frozen phase's head. */
  private static Tensor featureBatch(
      Session.Runner runner,
      TrainingGraph.Phase phase,
      float[] features,
      int count,
      int[] order,
      int step,
      int batch) {
    int width = features.length / count;
    float[] rows = new float[batch * width];
    for (int i = 0; i < batch; i++) {
      System.arraycopy(features, order[step * batch + i] * width, rows, i * width, width);
    }
    TFloat32 x = TFloat32.tensorOf(Shape.of(batch, width), DataBuffers.of(rows, true, false));
    runner.feed(phase.features(), x);
    return x;
  }

  /**
   * The frozen backbone's features of {@code images}, from the cache when another arm made them.
   */
  private float[] features(Run run, ImageSet images) {
    String key =
        featureKey(run.spec(), run.network(), run.session(), describe(run.normalization()), images);
    return featureCache.get(key, () -> computeFeatures(run.session(), run.graph(), images));
  }

  /** Feature sets computed (not found in the cache) by this trainer so far. */
  long featuresComputed() {
    return featureCache.computed();
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
      TrainingSpec spec,
      TfNetwork network,
      Map<String, float[]> weights,
      TrainingGraph.InputNormalization normalization) {
    Map<String, StoredState.Tensor> variables = new LinkedHashMap<>();
    for (ModelVariables.Entry entry : network.variables().entries()) {
      variables.put(
          entry.name(), new StoredState.Tensor(entry.shape().asArray(), weights.get(entry.name())));
    }
    if (normalization instanceof TrainingGraph.InputNormalization.Statistics statistics) {
      return new StoredState.Model(
          spec.architecture().id(),
          spec.numClasses(),
          variables,
          statistics.mean(),
          statistics.std());
    }
    return new StoredState.Model(
        spec.architecture().id(), spec.numClasses(), variables, new float[0], new float[0]);
  }

  /**
   * Scores and mean loss of a whole split, inference mode, in input order; from {@code features}
   * (the backbone's precomputed output, row-major) when not null, from the images otherwise.
   */
  private static Evaluation evaluate(
      Session session, TrainingGraph graph, ImageSet images, TrainingSpec spec, float[] features) {
    int k = spec.numClasses();
    float[] probabilities = new float[images.count() * k];
    double lossSum = 0;
    for (int start = 0; start < images.count(); start += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, images.count() - start);
      float[] targets = new float[n * k];
      for (int i = 0; i < n; i++) {
        spec.taskType().writeTarget(images.labels()[start + i], k, targets, i * k);
      }
      Session.Runner runner = session.runner();
      try (Tensor x = inputBatch(runner, graph, images, features, start, n);
          TFloat32 y = TFloat32.tensorOf(Shape.of(n, k), DataBuffers.of(targets, true, false));
          Result result =
              runner
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

  /** Feeds images start..start+n-1, or their features when given, to the inference pass. */
  private static Tensor inputBatch(
      Session.Runner runner,
      TrainingGraph graph,
      ImageSet images,
      float[] features,
      int start,
      int n) {
    if (features != null) {
      int width = features.length / images.count();
      TFloat32 x =
          TFloat32.tensorOf(
              Shape.of(n, width),
              DataBuffers.of(
                  Arrays.copyOfRange(features, start * width, (start + n) * width), true, false));
      runner.feed(graph.evalFeatures(), x);
      return x;
    }
    int imageBytes = images.imageBytes();
    TUint8 x =
        TUint8.tensorOf(
            Shape.of(n, images.height(), images.width(), images.channels()),
            DataBuffers.of(
                Arrays.copyOfRange(images.pixels(), start * imageBytes, (start + n) * imageBytes),
                true,
                false));
    runner.feed(graph.images(), x);
    return x;
  }

  /** The inference pass's head input for every image of {@code images}, row-major. */
  private static float[] computeFeatures(Session session, TrainingGraph graph, ImageSet images) {
    float[] features = null;
    int width = 0;
    for (int start = 0; start < images.count(); start += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, images.count() - start);
      Session.Runner runner = session.runner();
      try (Tensor x = inputBatch(runner, graph, images, null, start, n);
          Result result = runner.fetch(graph.evalFeatures()).run()) {
        TFloat32 batch = (TFloat32) result.get(0);
        if (features == null) {
          width = Math.toIntExact(batch.shape().get(1));
          features = new float[images.count() * width];
        }
        float[] rows = new float[n * width];
        batch.copyTo(DataBuffers.of(rows, false, false));
        System.arraycopy(rows, 0, features, start * width, n * width);
      }
    }
    return features;
  }

  /**
   * A digest of everything a frozen backbone's features depend on: the input pipeline, the
   * backbone's current weights (batch-norm statistics included) and the images themselves.
   */
  private String featureKey(
      TrainingSpec spec, TfNetwork network, Session session, String pipeline, ImageSet images) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(
          (spec.architecture().id()
                  + "|"
                  + spec.resolution()
                  + "|"
                  + spec.options().resize()
                  + "|"
                  + pipeline
                  + "|"
                  + images.height()
                  + "x"
                  + images.width()
                  + "x"
                  + images.channels()
                  + "|"
                  + intraOpThreads)
              .getBytes(StandardCharsets.UTF_8));
      Map<String, float[]> weights = network.variables().snapshot(session);
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      for (ModelVariables.Entry entry : network.variables().entries()) {
        if (entry.block().equals(ModelVariables.HEAD_BLOCK)) {
          continue;
        }
        digest.update(entry.name().getBytes(StandardCharsets.UTF_8));
        for (float value : weights.get(entry.name())) {
          if (buffer.remaining() < 4) {
            digest.update(buffer.flip());
            buffer.clear();
          }
          buffer.putFloat(value);
        }
      }
      digest.update(buffer.flip());
      digest.update(images.pixels());
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
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
        if (!spec.taskType().isValidLabel(label, spec.numClasses())) {
          throw new TrialFailedException(
              FailureReason.INVALID_DATA,
              spec.taskType() == TaskType.MULTI_LABEL
                  ? "label mask "
                      + label
                      + " sets a bit beyond the "
                      + spec.numClasses()
                      + " labels (masks lie in 0.."
                      + ((1L << spec.numClasses()) - 1)
                      + ")"
                  : "label " + label + " is outside 0.." + (spec.numClasses() - 1));
        }
      }
    }
  }
}
