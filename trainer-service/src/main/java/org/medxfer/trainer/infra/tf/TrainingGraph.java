package org.medxfer.trainer.infra.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.nn.SoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The ops around a network that turn it into something trainable: uint8 image input, resizing and
 * channel repetition, the network's own preprocessing, a training pass (batch statistics) and an
 * inference pass (moving averages) over shared variables, loss and one Adam step.
 */
final class TrainingGraph {

  /** uint8 (batch, height, width, channels) as stored. */
  static final String IMAGES = "images";

  /** float32 (batch, classes) one-hot labels; the sparse loss has no gradient in TF Java. */
  static final String LABELS = "labels";

  static final String TRAIN_LOSS = "train_loss";
  static final String EVAL_LOSS = "eval_loss";
  static final String EVAL_PROBABILITIES = "eval_probabilities";
  static final String TRAIN_STEP = "train_step";

  private final Placeholder<TUint8> images;
  private final Placeholder<TFloat32> labels;
  private final Operand<TFloat32> trainLoss;
  private final Operand<TFloat32> evalLoss;
  private final Operand<TFloat32> evalProbabilities;
  private final Op trainStep;

  private TrainingGraph(
      Placeholder<TUint8> images,
      Placeholder<TFloat32> labels,
      Operand<TFloat32> trainLoss,
      Operand<TFloat32> evalLoss,
      Operand<TFloat32> evalProbabilities,
      Op trainStep) {
    this.images = images;
    this.labels = labels;
    this.trainLoss = trainLoss;
    this.evalLoss = evalLoss;
    this.evalProbabilities = evalProbabilities;
    this.trainStep = trainStep;
  }

  /**
   * Builds the training graph into {@code network}'s graph.
   *
   * @param height stored image height
   * @param width stored image width
   * @param channels stored channels (1 or 3)
   * @param resolution square size the network sees
   */
  static TrainingGraph build(
      TfNetwork network, int height, int width, int channels, int resolution, float learningRate) {
    Ops tf = network.tf();
    Placeholder<TUint8> images =
        tf.withName(IMAGES)
            .placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, height, width, channels)));
    Placeholder<TFloat32> labels =
        tf.withName(LABELS)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, network.numClasses())));

    Ops input = tf.withSubScope("input");
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
      // Half-pixel centres match tf.image.resize (TF 2) and PIL, unlike the TF 1 default.
      pixels =
          input.image.resizeBilinear(
              pixels,
              input.constant(new int[] {resolution, resolution}),
              ResizeBilinear.halfPixelCenters(true));
    }
    Operand<TFloat32> x = network.preprocess(input, pixels);

    Layers trainLayers =
        new Layers(
            tf.withSubScope("train"), network.variables(), true, TfNetwork.BATCH_NORM_MOMENTUM);
    Operand<TFloat32> trainLogits = network.logits(trainLayers, x);
    Layers evalLayers =
        new Layers(
            tf.withSubScope("eval"), network.variables(), false, TfNetwork.BATCH_NORM_MOMENTUM);
    Operand<TFloat32> evalLogits = network.logits(evalLayers, x);

    SoftmaxCrossEntropyWithLogits<TFloat32> trainCrossEntropy =
        tf.nn.softmaxCrossEntropyWithLogits(trainLogits, labels);
    Operand<TFloat32> trainLoss =
        tf.withName(TRAIN_LOSS).math.mean(trainCrossEntropy.loss(), tf.constant(0));
    Operand<TFloat32> evalLoss =
        tf.withName(EVAL_LOSS)
            .identity(tf.nn.softmaxCrossEntropyWithLogits(evalLogits, labels).loss());
    Operand<TFloat32> evalProbabilities = tf.withName(EVAL_PROBABILITIES).nn.softmax(evalLogits);

    List<Op> batchNormUpdates = new ArrayList<>(trainLayers.batchNormUpdates());
    Op trainStep =
        DeterministicAdam.step(
            tf,
            network.graph(),
            trainLoss,
            network.variables().trainable(),
            learningRate,
            batchNormUpdates,
            TRAIN_STEP);
    return new TrainingGraph(images, labels, trainLoss, evalLoss, evalProbabilities, trainStep);
  }

  Placeholder<TUint8> images() {
    return images;
  }

  Placeholder<TFloat32> labels() {
    return labels;
  }

  Operand<TFloat32> trainLoss() {
    return trainLoss;
  }

  Operand<TFloat32> evalLoss() {
    return evalLoss;
  }

  Operand<TFloat32> evalProbabilities() {
    return evalProbabilities;
  }

  Op trainStep() {
    return trainStep;
  }
}
