package org.medxfer.trainer.infra.tf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medxfer.trainer.domain.TrainingOptions;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The ops around a network that turn it into something trainable: uint8 image input, resizing or
 * padding and channel repetition, normalisation, one training pass (batch statistics) per freezing
 * phase and an inference pass (moving averages) over shared variables, loss and optimizer steps.
 *
 * <p>A phase is a set of frozen leading blocks. Full fine-tuning has one phase with none frozen, a
 * linear probe one with every block frozen, LP-FT both. Frozen blocks are left out of the
 * optimizer's variables and run batch norm in inference mode, so nothing in them changes.
 */
final class TrainingGraph {

  /** uint8 (batch, height, width, channels) as stored. */
  static final String IMAGES = "images";

  /**
   * float32 (batch, classes) targets: one-hot labels (the sparse loss has no gradient in TF Java),
   * or for a multi-label task the multi-hot vector of the image's labels.
   */
  static final String LABELS = "labels";

  /** float32 scalar: the head's learning rate of this step (defaults to the initial rate). */
  static final String LEARNING_RATE = "learning_rate";

  static final String TRAIN_LOSS = "train_loss";
  static final String EVAL_LOSS = "eval_loss";
  static final String EVAL_PROBABILITIES = "eval_probabilities";
  static final String TRAIN_STEP = "train_step";

  /** How pixels in [0, 255] become the network's input. */
  sealed interface InputNormalization {
    /** The network's own (ImageNet) preprocessing. */
    record Network() implements InputNormalization {}

    /** (x - mean) / std per channel, with the training split's statistics. */
    record Statistics(float[] mean, float[] std) implements InputNormalization {}
  }

  /**
   * Everything about the graph that the trial spec decides.
   *
   * @param multiLabel one sigmoid per label (multi-label task) instead of a softmax over classes
   */
  record Settings(
      int resolution,
      float learningRate,
      TrainingOptions options,
      InputNormalization normalization,
      Set<Integer> frozenBlockCounts,
      boolean multiLabel) {

    /** Full fine-tuning with deterministic Adam and the network's preprocessing. */
    static Settings defaults(int resolution, float learningRate) {
      return new Settings(
          resolution,
          learningRate,
          TrainingOptions.DEFAULTS,
          new InputNormalization.Network(),
          Set.of(0),
          false);
    }
  }

  /**
   * One training pass with its loss and optimizer step.
   *
   * @param features the head's input in this pass; with every block frozen it equals the inference
   *     pass's features, so precomputed features can be fed here instead of images
   */
  record Phase(
      int frozenBlocks, Operand<TFloat32> trainLoss, Op trainStep, Operand<TFloat32> features) {}

  private final Placeholder<TUint8> images;
  private final Placeholder<TFloat32> labels;
  private final PlaceholderWithDefault<TFloat32> learningRate;
  private final Map<Integer, Phase> phases;
  private final Operand<TFloat32> evalLoss;
  private final Operand<TFloat32> evalProbabilities;
  private final Operand<TFloat32> evalFeatures;

  private TrainingGraph(
      Placeholder<TUint8> images,
      Placeholder<TFloat32> labels,
      PlaceholderWithDefault<TFloat32> learningRate,
      Map<Integer, Phase> phases,
      Operand<TFloat32> evalLoss,
      Operand<TFloat32> evalProbabilities,
      Operand<TFloat32> evalFeatures) {
    this.images = images;
    this.labels = labels;
    this.learningRate = learningRate;
    this.phases = phases;
    this.evalLoss = evalLoss;
    this.evalProbabilities = evalProbabilities;
    this.evalFeatures = evalFeatures;
  }

  /** Full fine-tuning with deterministic Adam at a constant rate (the benchmark's graph). */
  static TrainingGraph build(
      TfNetwork network, int height, int width, int channels, int resolution, float learningRate) {
    return build(network, height, width, channels, Settings.defaults(resolution, learningRate));
  }

  /**
   * Builds the training graph into {@code network}'s graph.
   *
   * @param height stored image height
   * @param width stored image width
   * @param channels stored channels (1 or 3)
   */
  static TrainingGraph build(
      TfNetwork network, int height, int width, int channels, Settings settings) {
    Ops tf = network.tf();
    Placeholder<TUint8> images =
        tf.withName(IMAGES)
            .placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, height, width, channels)));
    Placeholder<TFloat32> labels =
        tf.withName(LABELS)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, network.numClasses())));
    PlaceholderWithDefault<TFloat32> learningRate =
        tf.withName(LEARNING_RATE)
            .placeholderWithDefault(tf.constant(settings.learningRate()), Shape.scalar());

    Operand<TFloat32> x =
        input(network, tf.withSubScope("input"), images, height, width, channels, settings);

    // The inference pass first: it creates every variable, so the blocks are known before the
    // training passes decide what to freeze.
    Layers evalLayers =
        new Layers(
            tf.withSubScope("eval"), network.variables(), false, TfNetwork.BATCH_NORM_MOMENTUM);
    Operand<TFloat32> evalLogits = network.logits(evalLayers, x);
    Operand<TFloat32> evalLoss =
        tf.withName(EVAL_LOSS).identity(perImageLoss(tf, evalLogits, labels, settings));
    // Labels of a multi-label task are independent, so each gets its own probability.
    Operand<TFloat32> evalProbabilities =
        settings.multiLabel()
            ? tf.withName(EVAL_PROBABILITIES).math.sigmoid(evalLogits)
            : tf.withName(EVAL_PROBABILITIES).nn.softmax(evalLogits);

    List<String> blocks = network.blockNames();
    Map<Integer, Phase> phases = new LinkedHashMap<>();
    for (int frozen : settings.frozenBlockCounts().stream().sorted().toList()) {
      phases.put(frozen, phase(network, x, labels, learningRate, settings, blocks, frozen));
    }
    return new TrainingGraph(
        images, labels, learningRate, phases, evalLoss, evalProbabilities, evalLayers.headInput());
  }

  private static Operand<TFloat32> input(
      TfNetwork network,
      Ops input,
      Placeholder<TUint8> images,
      int height,
      int width,
      int channels,
      Settings settings) {
    int resolution = settings.resolution();
    Operand<TFloat32> pixels = input.dtypes.cast(images, TFloat32.class);
    if (channels == 1 && network.inputChannels() == 3) {
      pixels = input.tile(pixels, input.constant(new int[] {1, 1, 1, 3}));
    } else if (channels != network.inputChannels()) {
      throw new IllegalArgumentException(
          network.architecture().id()
              + " takes "
              + network.inputChannels()
              + " channels, not "
              + channels);
    }
    if (height != resolution || width != resolution) {
      if (settings.options().resize() == TrainingOptions.ResizeMode.PAD) {
        // Black borders around the centred image; the caller checked the image fits.
        int top = (resolution - height) / 2;
        int left = (resolution - width) / 2;
        pixels =
            input.pad(
                pixels,
                input.constant(
                    new int[][] {
                      {0, 0},
                      {top, resolution - height - top},
                      {left, resolution - width - left},
                      {0, 0}
                    }),
                input.constant(0f));
      } else {
        // Half-pixel centres match tf.image.resize (TF 2) and PIL, unlike the TF 1 default.
        pixels =
            input.image.resizeBilinear(
                pixels,
                input.constant(new int[] {resolution, resolution}),
                ResizeBilinear.halfPixelCenters(true));
      }
    }
    if (settings.normalization() instanceof InputNormalization.Statistics statistics) {
      return input.math.div(
          input.math.sub(pixels, input.constant(statistics.mean())),
          input.constant(statistics.std()));
    }
    return network.preprocess(input, pixels);
  }

  private static Phase phase(
      TfNetwork network,
      Operand<TFloat32> x,
      Placeholder<TFloat32> labels,
      Operand<TFloat32> learningRate,
      Settings settings,
      List<String> blocks,
      int frozen) {
    Ops tf = network.tf();
    Set<String> frozenBlocks = new HashSet<>(blocks.subList(0, Math.min(frozen, blocks.size())));
    String suffix = frozen == 0 ? "" : "_frozen" + frozen;
    Layers trainLayers =
        new Layers(
            tf.withSubScope("train" + suffix),
            network.variables(),
            true,
            TfNetwork.BATCH_NORM_MOMENTUM,
            frozenBlocks);
    Operand<TFloat32> trainLogits = network.logits(trainLayers, x);
    Operand<TFloat32> trainLoss =
        tf.withName(TRAIN_LOSS + suffix)
            .math
            .mean(perImageLoss(tf, trainLogits, labels, settings), tf.constant(0));

    TrainingOptions options = settings.options();
    Operand<TFloat32> backboneRate = learningRate;
    if (!Double.isNaN(options.backboneLearningRate())) {
      backboneRate =
          tf.math.mul(
              learningRate,
              tf.constant((float) (options.backboneLearningRate() / settings.learningRate())));
    }
    List<Variable<TFloat32>> trainable = new ArrayList<>();
    List<Operand<TFloat32>> rates = new ArrayList<>();
    List<Operand<TFloat32>> penalties = new ArrayList<>();
    for (ModelVariables.Entry entry : network.variables().entries()) {
      if (!entry.trainable() || frozenBlocks.contains(entry.block())) {
        continue;
      }
      boolean head = entry.block().equals(ModelVariables.HEAD_BLOCK);
      trainable.add(entry.variable());
      rates.add(head ? learningRate : backboneRate);
      if (entry.name().endsWith("kernel")) {
        penalties.add(tf.nn.l2Loss(entry.variable()));
      }
    }
    Operand<TFloat32> objective = trainLoss;
    if (options.weightDecay() > 0 && !penalties.isEmpty()) {
      objective =
          tf.math.add(
              trainLoss,
              tf.math.mul(tf.constant((float) options.weightDecay()), tf.math.addN(penalties)));
    }
    List<Op> batchNormUpdates = new ArrayList<>(trainLayers.batchNormUpdates());
    Op step =
        switch (options.optimizer()) {
          case ADAM ->
              DeterministicAdam.step(
                  tf,
                  network.graph(),
                  objective,
                  trainable,
                  rates,
                  batchNormUpdates,
                  "adam" + suffix,
                  TRAIN_STEP + suffix);
          case SGD ->
              SgdMomentum.step(
                  tf,
                  network.graph(),
                  objective,
                  trainable,
                  rates,
                  (float) options.momentum(),
                  batchNormUpdates,
                  "sgd" + suffix,
                  TRAIN_STEP + suffix);
        };
    return new Phase(frozen, trainLoss, step, trainLayers.headInput());
  }

  /**
   * Each image's loss: softmax cross-entropy over the classes, or for a multi-label task the
   * sigmoid cross-entropy of each label, averaged over the labels (so the loss does not grow with
   * the number of labels).
   */
  private static Operand<TFloat32> perImageLoss(
      Ops tf, Operand<TFloat32> logits, Operand<TFloat32> targets, Settings settings) {
    if (!settings.multiLabel()) {
      return tf.nn.softmaxCrossEntropyWithLogits(logits, targets).loss();
    }
    // max(x, 0) - x z + log(1 + exp(-|x|)): the numerically stable form of
    // -z log(sigmoid(x)) - (1 - z) log(1 - sigmoid(x)), built from ops whose gradients exist.
    Operand<TFloat32> perLabel =
        tf.math.add(
            tf.math.sub(tf.nn.relu(logits), tf.math.mul(logits, targets)),
            tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
    return tf.math.mean(perLabel, tf.constant(1));
  }

  Placeholder<TUint8> images() {
    return images;
  }

  Placeholder<TFloat32> labels() {
    return labels;
  }

  Operand<TFloat32> learningRate() {
    return learningRate;
  }

  /** The phase that freezes {@code frozenBlocks} leading blocks. */
  Phase phase(int frozenBlocks) {
    Phase phase = phases.get(frozenBlocks);
    if (phase == null) {
      throw new IllegalArgumentException(
          "no training phase with " + frozenBlocks + " frozen blocks");
    }
    return phase;
  }

  /** The loss of the phase with the fewest frozen blocks. */
  Operand<TFloat32> trainLoss() {
    return phases.values().iterator().next().trainLoss();
  }

  /** The step of the phase with the fewest frozen blocks. */
  Op trainStep() {
    return phases.values().iterator().next().trainStep();
  }

  Operand<TFloat32> evalLoss() {
    return evalLoss;
  }

  Operand<TFloat32> evalProbabilities() {
    return evalProbabilities;
  }

  /** The head's input in the inference pass (the backbone's features); null if it has none. */
  Operand<TFloat32> evalFeatures() {
    return evalFeatures;
  }
}
