package org.medxfer.trainer.infra.tf;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What ResNet-18 and ResNet-50 share: the stem, four stages of residual blocks with 64, 128, 256
 * and 512 base filters (stride 2 at the start of stages 3 to 5), global average pooling and the
 * head. Names follow Keras' {@code applications.resnet}: {@code conv1_conv}, {@code
 * conv3_block2_1_conv}, {@code conv3_block1_0_conv} for a projection shortcut.
 *
 * <p>The stem adapts to small inputs, as MedMNIST's 28 px ResNets do: below {@link
 * #SMALL_INPUT_BELOW} pixels the 7x7 conv runs with stride 1 and the stem max pool is left out, so
 * a 28 px image reaches the last stage as 4x4 instead of nothing. The conv keeps its 7x7 kernel, so
 * parameter counts and ImageNet weight shapes do not depend on the resolution. Blocks are the
 * stages: {@code conv1} (the stem) to {@code conv5}.
 */
abstract class ResNetNetwork extends TfNetwork {

  static final String HEAD = "logits";

  /** Inputs smaller than this get the stride-1 stem without max pool. */
  static final int SMALL_INPUT_BELOW = 112;

  /** Keras' ResNet batch-norm epsilon. */
  static final float BATCH_NORM_EPSILON = 1.001e-5f;

  private static final int[] STAGE_FILTERS = {64, 128, 256, 512};
  static final int STEM_FILTERS = 64;

  ResNetNetwork(int numClasses, long seed) {
    super(numClasses, 3, seed);
  }

  /** Residual blocks in each of the four stages. */
  abstract int[] blocksPerStage();

  /** Output channels of a block over its base filters: 1 (basic) or 4 (bottleneck). */
  abstract int expansion();

  /** One residual block {@code name} (for example {@code conv3_block1}). */
  abstract Operand<TFloat32> residualBlock(
      Layers layers, Operand<TFloat32> x, String name, int inChannels, int filters, int stride);

  /** Any size: every layer pads, so a 1-pixel map stays one pixel. */
  @Override
  int minimumResolution() {
    return 1;
  }

  @Override
  Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images) {
    layers.block("conv1");
    Operand<TFloat32> x = stem(layers, images, "conv1_conv", "conv1_bn");
    int channels = STEM_FILTERS;
    int[] blocks = blocksPerStage();
    for (int stage = 0; stage < STAGE_FILTERS.length; stage++) {
      String stageName = "conv" + (stage + 2);
      layers.block(stageName);
      for (int block = 1; block <= blocks[stage]; block++) {
        int stride = stage > 0 && block == 1 ? 2 : 1;
        x =
            residualBlock(
                layers, x, stageName + "_block" + block, channels, STAGE_FILTERS[stage], stride);
        channels = STAGE_FILTERS[stage] * expansion();
      }
    }
    layers.head();
    return layers.dense(HEAD, layers.globalAveragePool(x), channels, numClasses());
  }

  /**
   * The ResNet/DenseNet stem, {@link #STEM_FILTERS} wide: Keras' 3-pixel zero pad, 7x7 conv, batch
   * norm, ReLU, then 1-pixel pad and 3x3/2 max pool; for inputs below {@link #SMALL_INPUT_BELOW}
   * the conv has stride 1 and the pool is left out.
   */
  static Operand<TFloat32> stem(
      Layers layers, Operand<TFloat32> images, String convLayer, String batchNormLayer) {
    boolean smallInput = images.shape().get(1) < SMALL_INPUT_BELOW;
    Operand<TFloat32> x = layers.zeroPad(images, 3);
    x = layers.conv2d(convLayer, x, 7, 3, STEM_FILTERS, smallInput ? 1 : 2, Layers.VALID, false);
    x = layers.relu(layers.batchNorm(batchNormLayer, x, STEM_FILTERS, BATCH_NORM_EPSILON));
    return smallInput ? x : layers.maxPool(layers.zeroPad(x, 1), 3, 2, Layers.VALID);
  }

  /** Conv (no bias: batch norm follows) and batch norm, {@code <name>_conv} and {@code _bn}. */
  static Operand<TFloat32> convBn(
      Layers layers,
      String name,
      Operand<TFloat32> x,
      int kernelSize,
      int in,
      int out,
      int stride,
      String padding) {
    Operand<TFloat32> y =
        layers.conv2d(name + "_conv", x, kernelSize, in, out, stride, padding, false);
    return layers.batchNorm(name + "_bn", y, out, BATCH_NORM_EPSILON);
  }
}
