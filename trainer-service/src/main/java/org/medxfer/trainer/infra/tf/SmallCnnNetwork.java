package org.medxfer.trainer.infra.tf;

import org.medxfer.trainer.domain.Architecture;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code cnn_small}: three 3x3 conv + batch norm + ReLU blocks (16, 32, 64 filters) with 2x2 max
 * pooling between them, global average pooling and a dense head. About 24K parameters: it trains in
 * seconds, which makes it the architecture for tests of the training loop itself.
 */
final class SmallCnnNetwork extends TfNetwork {

  static final String HEAD = "logits";
  private static final int[] FILTERS = {16, 32, 64};
  private static final float BATCH_NORM_EPSILON = 1e-3f;

  SmallCnnNetwork(int numClasses, int dataChannels, long seed) {
    super(numClasses, dataChannels, seed);
  }

  @Override
  Architecture architecture() {
    return Architecture.CNN_SMALL;
  }

  @Override
  int minimumResolution() {
    // SAME padding everywhere: any size survives, but below 4 pixels the pools see one pixel.
    return 4;
  }

  @Override
  Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels) {
    return Preprocessing.unit(tf, pixels);
  }

  @Override
  Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images) {
    Operand<TFloat32> x = images;
    int channels = inputChannels();
    for (int block = 0; block < FILTERS.length; block++) {
      String name = "block" + (block + 1);
      layers.block(name);
      x = layers.conv2d(name + "_conv", x, 3, channels, FILTERS[block], 1, Layers.SAME, false);
      x = layers.relu(layers.batchNorm(name + "_bn", x, FILTERS[block], BATCH_NORM_EPSILON));
      if (block < FILTERS.length - 1) {
        x = layers.maxPool(x, 2, 2, Layers.SAME);
      }
      channels = FILTERS[block];
    }
    layers.head();
    return layers.dense(HEAD, layers.globalAveragePool(x), channels, numClasses());
  }
}
