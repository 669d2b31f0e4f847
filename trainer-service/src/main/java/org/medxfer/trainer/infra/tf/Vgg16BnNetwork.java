package org.medxfer.trainer.infra.tf;

import org.medxfer.trainer.domain.Architecture;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * VGG-16 with batch norm (Simonyan and Zisserman 2015; torchvision {@code vgg16_bn}): five blocks
 * of 3x3 convs (64, 64 | 128, 128 | 256 x 3 | 512 x 3 | 512 x 3), each conv with bias, batch norm
 * and ReLU, a 2x2/2 max pool after each block, then the flattened map through {@code fc1} and
 * {@code fc2} (4,096 each, ReLU) and the head. Keras VGG16 names ({@code block3_conv2}, {@code
 * fc1}; batch norms {@code block3_conv2_bn}). 138,365,992 trainable parameters at 224 px with 1,000
 * classes, as torchvision's.
 *
 * <p>Pools pad (SAME), which equals Keras' VALID on 224 px inputs and lets a 28 px input reach the
 * last block as 1x1. {@code fc1} takes the flattened last map, so its width, as in Keras, depends
 * on the resolution: ImageNet {@code fc1} weights fit 224 px only. Blocks: {@code block1} to {@code
 * block5}, {@code fc1}, {@code fc2}.
 */
final class Vgg16BnNetwork extends TfNetwork {

  static final String HEAD = "logits";
  private static final int[][] BLOCK_CONVS = {
    {64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}
  };
  private static final int FC_WIDTH = 4096;

  /** torchvision's BatchNorm2d epsilon. */
  private static final float BATCH_NORM_EPSILON = 1e-5f;

  Vgg16BnNetwork(int numClasses, long seed) {
    super(numClasses, 3, seed);
  }

  @Override
  Architecture architecture() {
    return Architecture.VGG16_BN;
  }

  @Override
  int minimumResolution() {
    return 1;
  }

  /** Keras VGG16 weights were trained with caffe preprocessing. */
  @Override
  Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels) {
    return Preprocessing.caffe(tf, pixels);
  }

  @Override
  Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images) {
    Operand<TFloat32> x = images;
    int channels = 3;
    for (int block = 0; block < BLOCK_CONVS.length; block++) {
      String name = "block" + (block + 1);
      layers.block(name);
      for (int conv = 0; conv < BLOCK_CONVS[block].length; conv++) {
        String layer = name + "_conv" + (conv + 1);
        int out = BLOCK_CONVS[block][conv];
        x = layers.conv2d(layer, x, 3, channels, out, 1, Layers.SAME, true);
        x = layers.relu(layers.batchNorm(layer + "_bn", x, out, BATCH_NORM_EPSILON));
        channels = out;
      }
      x = layers.maxPool(x, 2, 2, Layers.SAME);
    }
    long features = x.shape().get(1) * x.shape().get(2) * channels;
    layers.block("fc1");
    x = layers.relu(layers.dense("fc1", layers.flatten(x, features), (int) features, FC_WIDTH));
    layers.block("fc2");
    x = layers.relu(layers.dense("fc2", x, FC_WIDTH, FC_WIDTH));
    layers.head();
    return layers.dense(HEAD, x, FC_WIDTH, numClasses());
  }
}
