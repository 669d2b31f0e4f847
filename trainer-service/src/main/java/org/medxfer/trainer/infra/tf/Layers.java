package org.medxfer.trainer.infra.tf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Layer builders for one forward pass. A network is built twice over the same {@link
 * ModelVariables}: once with batch norm in training mode (batch statistics, moving averages
 * updated) and once in inference mode (moving averages), so both passes share every weight.
 *
 * <p>Variable names follow the Keras layer names ({@code conv1/kernel}, {@code conv1_bn/gamma}), so
 * mapping a Keras weight file onto the graph is a matter of names, not positions.
 */
final class Layers {

  static final String SAME = "SAME";
  static final String VALID = "VALID";

  private final Ops tf;
  private final OpNames names;
  private final ModelVariables variables;
  private final boolean training;
  private final float batchNormMomentum;
  private final Set<String> frozenBlocks;
  private final List<Op> batchNormUpdates = new ArrayList<>();
  private Operand<TFloat32> headInput;

  /**
   * @param tf the name scope of this pass ({@code train/} or {@code eval/})
   * @param batchNormMomentum weight of the old moving average in each update
   */
  Layers(Ops tf, ModelVariables variables, boolean training, float batchNormMomentum) {
    this(tf, variables, training, batchNormMomentum, Set.of());
  }

  /**
   * A pass in which the blocks in {@code frozenBlocks} are frozen: their batch norm runs in
   * inference mode even in a training pass, so neither their weights nor their moving averages
   * change.
   */
  Layers(
      Ops tf,
      ModelVariables variables,
      boolean training,
      float batchNormMomentum,
      Set<String> frozenBlocks) {
    this.tf = tf;
    this.names = new OpNames(tf);
    this.variables = variables;
    this.training = training;
    this.batchNormMomentum = batchNormMomentum;
    this.frozenBlocks = Set.copyOf(frozenBlocks);
  }

  Ops tf() {
    return tf;
  }

  /** Starts backbone block {@code name}: the variables created next belong to it. */
  void block(String name) {
    variables.enterBlock(name);
  }

  /** Starts the head: the variables created next belong to no block. */
  void head() {
    variables.enterHead();
  }

  /** The moving-average assignments of this pass; they must run with every training step. */
  List<Op> batchNormUpdates() {
    return Collections.unmodifiableList(batchNormUpdates);
  }

  /** Square 2-D convolution, HWIO kernel {@code <layer>/kernel}, optional {@code <layer>/bias}. */
  Operand<TFloat32> conv2d(
      String layer,
      Operand<TFloat32> x,
      int kernelSize,
      int inChannels,
      int outChannels,
      int stride,
      String padding,
      boolean bias) {
    long receptive = (long) kernelSize * kernelSize;
    Variable<TFloat32> kernel =
        variables.getOrCreate(
            layer + "/kernel",
            new long[] {kernelSize, kernelSize, inChannels, outChannels},
            new ModelVariables.Init.HeNormal(receptive * inChannels),
            true);
    Operand<TFloat32> y =
        names
            .named(layer + "/Conv2D")
            .nn
            .conv2d(x, kernel, List.of(1L, (long) stride, (long) stride, 1L), padding);
    if (bias) {
      Variable<TFloat32> b =
          variables.getOrCreate(
              layer + "/bias",
              new long[] {outChannels},
              new ModelVariables.Init.Constant(0f),
              true);
      y = names.named(layer + "/BiasAdd").nn.biasAdd(y, b);
    }
    return y;
  }

  /** 3x3-style depthwise convolution with multiplier 1, kernel {@code <layer>/depthwise_kernel}. */
  Operand<TFloat32> depthwiseConv2d(
      String layer, Operand<TFloat32> x, int kernelSize, int channels, int stride, String padding) {
    long receptive = (long) kernelSize * kernelSize;
    Variable<TFloat32> kernel =
        variables.getOrCreate(
            layer + "/depthwise_kernel",
            new long[] {kernelSize, kernelSize, channels, 1},
            // Each output channel sees one input channel's kernelSize^2 window.
            new ModelVariables.Init.HeNormal(receptive),
            true);
    return names
        .named(layer + "/depthwise")
        .nn
        .depthwiseConv2dNative(x, kernel, List.of(1L, (long) stride, (long) stride, 1L), padding);
  }

  /**
   * Batch normalisation over the channel axis. Training mode normalises with batch statistics and
   * records an update of the moving averages; inference mode uses the moving averages.
   */
  Operand<TFloat32> batchNorm(String layer, Operand<TFloat32> x, int channels, float epsilon) {
    Variable<TFloat32> gamma =
        variables.getOrCreate(
            layer + "/gamma", new long[] {channels}, new ModelVariables.Init.Constant(1f), true);
    return normalize(layer, x, gamma, channels, epsilon);
  }

  /**
   * The normalisation both batch-norm kinds share: inference mode (moving averages) outside
   * training and in frozen blocks, whose statistics must not move; otherwise batch statistics and a
   * recorded update of the moving averages.
   */
  private Operand<TFloat32> normalize(
      String layer, Operand<TFloat32> x, Operand<TFloat32> scale, int channels, float epsilon) {
    long[] shape = {channels};
    Variable<TFloat32> beta =
        variables.getOrCreate(layer + "/beta", shape, new ModelVariables.Init.Constant(0f), true);
    Variable<TFloat32> movingMean =
        variables.getOrCreate(
            layer + "/moving_mean", shape, new ModelVariables.Init.Constant(0f), false);
    Variable<TFloat32> movingVariance =
        variables.getOrCreate(
            layer + "/moving_variance", shape, new ModelVariables.Init.Constant(1f), false);
    Ops named = names.named(layer + "/FusedBatchNormV3");
    if (!training || frozenBlocks.contains(variables.currentBlock())) {
      return named
          .nn
          .fusedBatchNorm(
              x,
              scale,
              beta,
              movingMean,
              movingVariance,
              FusedBatchNorm.epsilon(epsilon),
              FusedBatchNorm.isTraining(false))
          .y();
    }
    Operand<TFloat32> empty = tf.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> bn =
        named.nn.fusedBatchNorm(
            x,
            scale,
            beta,
            empty,
            empty,
            FusedBatchNorm.epsilon(epsilon),
            FusedBatchNorm.isTraining(true));
    // moving -= (moving - batch) * (1 - momentum); batchVariance is already Bessel-corrected.
    Operand<TFloat32> rate = tf.constant(1f - batchNormMomentum);
    batchNormUpdates.add(
        names
            .named(layer + "/update_moving_mean")
            .assignSub(movingMean, tf.math.mul(tf.math.sub(movingMean, bn.batchMean()), rate)));
    batchNormUpdates.add(
        names
            .named(layer + "/update_moving_variance")
            .assignSub(
                movingVariance,
                tf.math.mul(tf.math.sub(movingVariance, bn.batchVariance()), rate)));
    return bn.y();
  }

  /**
   * The (batch, features) input of the head's first dense layer in this pass, null before one is
   * built: the features a frozen backbone produces, which the trainer computes once and feeds.
   */
  Operand<TFloat32> headInput() {
    return headInput;
  }

  /** Fully connected layer on a (batch, features) input, {@code <layer>/kernel} and bias. */
  Operand<TFloat32> dense(String layer, Operand<TFloat32> x, int inFeatures, int outFeatures) {
    if (headInput == null && ModelVariables.HEAD_BLOCK.equals(variables.currentBlock())) {
      headInput = x;
    }
    Variable<TFloat32> kernel =
        variables.getOrCreate(
            layer + "/kernel",
            new long[] {inFeatures, outFeatures},
            new ModelVariables.Init.GlorotUniform(inFeatures, outFeatures),
            true);
    Variable<TFloat32> bias =
        variables.getOrCreate(
            layer + "/bias", new long[] {outFeatures}, new ModelVariables.Init.Constant(0f), true);
    return names
        .named(layer + "/BiasAdd")
        .nn
        .biasAdd(names.named(layer + "/MatMul").linalg.matMul(x, kernel), bias);
  }

  Operand<TFloat32> relu(Operand<TFloat32> x) {
    return tf.nn.relu(x);
  }

  Operand<TFloat32> relu6(Operand<TFloat32> x) {
    return tf.nn.relu6(x);
  }

  Operand<TFloat32> maxPool(Operand<TFloat32> x, int size, int stride, String padding) {
    return tf.nn.maxPool(
        x,
        tf.constant(new int[] {1, size, size, 1}),
        tf.constant(new int[] {1, stride, stride, 1}),
        padding);
  }

  /** Mean over height and width: (batch, h, w, c) to (batch, c). */
  Operand<TFloat32> globalAveragePool(Operand<TFloat32> x) {
    return tf.math.mean(x, tf.constant(new int[] {1, 2}));
  }

  // Layer kinds added for the model zoo (ResNet, DenseNet, VGG, Inception, CBR, custom CNNs).

  /** Convolution with a kh x kw kernel (Inception's 1x7, 7x1, 1x3, 3x1), no bias. */
  Operand<TFloat32> rectangularConv2d(
      String layer,
      Operand<TFloat32> x,
      int kernelHeight,
      int kernelWidth,
      int inChannels,
      int outChannels,
      int stride,
      String padding) {
    Variable<TFloat32> kernel =
        variables.getOrCreate(
            layer + "/kernel",
            new long[] {kernelHeight, kernelWidth, inChannels, outChannels},
            new ModelVariables.Init.HeNormal((long) kernelHeight * kernelWidth * inChannels),
            true);
    return names
        .named(layer + "/Conv2D")
        .nn
        .conv2d(x, kernel, List.of(1L, (long) stride, (long) stride, 1L), padding);
  }

  /**
   * Batch normalisation without a learned scale (Keras {@code scale=False}, as in Inception v3):
   * beta, moving mean and moving variance only, so Keras files map one to one and parameter counts
   * match Keras'. Training and inference modes as in {@link #batchNorm}.
   */
  Operand<TFloat32> batchNormWithoutScale(
      String layer, Operand<TFloat32> x, int channels, float epsilon) {
    Operand<TFloat32> ones = tf.fill(tf.constant(new long[] {channels}), tf.constant(1f));
    return normalize(layer, x, ones, channels, epsilon);
  }

  Operand<TFloat32> avgPool(Operand<TFloat32> x, int size, int stride, String padding) {
    return tf.nn.avgPool(
        x,
        List.of(1L, (long) size, (long) size, 1L),
        List.of(1L, 1L * stride, 1L * stride, 1L),
        padding);
  }

  /**
   * Zeros around height and width (Keras {@code ZeroPadding2D}); Keras ResNet and DenseNet pad
   * explicitly before VALID stride-2 layers, which is not the same as SAME padding.
   */
  Operand<TFloat32> zeroPad(Operand<TFloat32> x, int pad) {
    return tf.pad(
        x, tf.constant(new int[][] {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}}), tf.constant(0f));
  }

  /** Element-wise sum, the residual connection. */
  Operand<TFloat32> add(Operand<TFloat32> a, Operand<TFloat32> b) {
    return tf.math.add(a, b);
  }

  /** Concatenation along the channel axis, in the given order. */
  Operand<TFloat32> concatChannels(List<Operand<TFloat32>> parts) {
    return tf.concat(parts, tf.constant(3));
  }

  /** Height x width x channels to one feature vector per image (Keras {@code Flatten}). */
  Operand<TFloat32> flatten(Operand<TFloat32> x, long features) {
    return tf.reshape(x, tf.constant(new long[] {-1, features}));
  }

  /**
   * Inverted dropout in the training pass (keeps each unit with probability 1 - rate and scales it
   * by 1 / (1 - rate)); the identity in the inference pass. TensorFlow Java has no graph seed, so
   * the caller passes both op seeds.
   */
  Operand<TFloat32> dropout(Operand<TFloat32> x, float rate, long seed, long seed2) {
    if (!training || rate == 0f) {
      return x;
    }
    Operand<TFloat32> uniform =
        tf.random.randomUniform(
            tf.shape(x),
            TFloat32.class,
            org.tensorflow.op.random.RandomUniform.seed(seed),
            org.tensorflow.op.random.RandomUniform.seed2(seed2));
    Operand<TFloat32> keep =
        tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
    return tf.math.mul(x, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
  }
}
