package org.medxfer.trainer.infra.tf;

import java.util.List;
import org.medxfer.trainer.domain.Architecture;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras DenseNet121 (Huang et al. 2017): a 7x7/2 stem and max pool, four dense blocks of 6, 12, 24
 * and 16 layers (BN-ReLU-1x1 conv to 128, BN-ReLU-3x3 conv to 32, concatenated onto the input), a
 * transition (BN-ReLU-1x1 conv halving the channels, 2x2/2 average pool) after each of the first
 * three, then BN-ReLU and global average pooling. Keras names ({@code conv2_block1_1_conv}, {@code
 * pool2_conv}, {@code bn}); 7,978,856 trainable parameters at 224 px with 1,000 classes.
 *
 * <p>The stem is ResNet's ({@link ResNetNetwork#stem}, the same as Keras' and with the same
 * epsilon): inputs below {@link ResNetNetwork#SMALL_INPUT_BELOW} pixels get it with stride 1 and
 * without the max pool. Transition pools pad (SAME), which equals Keras' VALID on the even sizes of
 * 224 px inputs and keeps odd small maps from vanishing. Blocks: {@code conv1} (stem), {@code
 * conv2} to {@code conv5}, each dense block with the transition after it.
 */
final class DenseNet121Network extends TfNetwork {

  static final String HEAD = "logits";
  private static final int[] LAYERS_PER_BLOCK = {6, 12, 24, 16};
  private static final int GROWTH_RATE = 32;
  private static final int BOTTLENECK_WIDTH = 4 * GROWTH_RATE;
  private static final float BATCH_NORM_EPSILON = 1.001e-5f;

  DenseNet121Network(int numClasses, long seed) {
    super(numClasses, 3, seed);
  }

  @Override
  Architecture architecture() {
    return Architecture.DENSENET121;
  }

  @Override
  int minimumResolution() {
    return 1;
  }

  /** Keras DenseNet weights were trained with torch preprocessing. */
  @Override
  Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels) {
    return Preprocessing.torch(tf, pixels);
  }

  @Override
  Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images) {
    layers.block("conv1");
    Operand<TFloat32> x = ResNetNetwork.stem(layers, images, "conv1/conv", "conv1/bn");
    int channels = ResNetNetwork.STEM_FILTERS;
    for (int block = 0; block < LAYERS_PER_BLOCK.length; block++) {
      String name = "conv" + (block + 2);
      layers.block(name);
      for (int layer = 1; layer <= LAYERS_PER_BLOCK[block]; layer++) {
        x = denseLayer(layers, x, name + "_block" + layer, channels);
        channels += GROWTH_RATE;
      }
      if (block < LAYERS_PER_BLOCK.length - 1) {
        String transition = "pool" + (block + 2);
        x = layers.relu(layers.batchNorm(transition + "_bn", x, channels, BATCH_NORM_EPSILON));
        x =
            layers.conv2d(
                transition + "_conv", x, 1, channels, channels / 2, 1, Layers.VALID, false);
        channels /= 2;
        x = layers.avgPool(x, 2, 2, Layers.SAME);
      }
    }
    x = layers.relu(layers.batchNorm("bn", x, channels, BATCH_NORM_EPSILON));
    layers.head();
    return layers.dense(HEAD, layers.globalAveragePool(x), channels, numClasses());
  }

  private static Operand<TFloat32> denseLayer(
      Layers layers, Operand<TFloat32> x, String name, int channels) {
    Operand<TFloat32> y =
        layers.relu(layers.batchNorm(name + "_0_bn", x, channels, BATCH_NORM_EPSILON));
    y = layers.conv2d(name + "_1_conv", y, 1, channels, BOTTLENECK_WIDTH, 1, Layers.VALID, false);
    y = layers.relu(layers.batchNorm(name + "_1_bn", y, BOTTLENECK_WIDTH, BATCH_NORM_EPSILON));
    y = layers.conv2d(name + "_2_conv", y, 3, BOTTLENECK_WIDTH, GROWTH_RATE, 1, Layers.SAME, false);
    return layers.concatChannels(List.of(x, y));
  }
}
