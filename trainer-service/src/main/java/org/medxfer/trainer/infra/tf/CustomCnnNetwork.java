package org.medxfer.trainer.infra.tf;

import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.CustomCnnDesign;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A CNN built from a study's {@link CustomCnnDesign}: per block, {@code convs} SAME convolutions
 * (bias only without batch norm), each with optional batch norm and ReLU, then the block's 2x2/2
 * pool (SAME); global average pooling, dropout and the head. It takes the data's own channels and
 * pixels scaled to [0, 1]. Layers are {@code blockB_convC}, {@code blockB_bnC}; blocks {@code
 * block1..blockN}.
 */
final class CustomCnnNetwork extends TfNetwork {

  static final String HEAD = "logits";
  private static final float BATCH_NORM_EPSILON = 1e-3f;

  /** seed2 of the dropout op: far above the variable initialisers' creation indexes. */
  private static final long DROPOUT_SEED2 = 1L << 40;

  private final CustomCnnDesign design;
  private final long seed;

  CustomCnnNetwork(CustomCnnDesign design, int numClasses, int dataChannels, long seed) {
    super(numClasses, dataChannels, seed);
    this.design = design;
    this.seed = seed;
  }

  @Override
  Architecture architecture() {
    return Architecture.CUSTOM_CNN;
  }

  @Override
  int minimumResolution() {
    return 1;
  }

  @Override
  Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels) {
    return Preprocessing.unit(tf, pixels);
  }

  @Override
  Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images) {
    Operand<TFloat32> x = images;
    int channels = inputChannels();
    for (int b = 0; b < design.blocks().size(); b++) {
      CustomCnnDesign.Block block = design.blocks().get(b);
      String name = "block" + (b + 1);
      layers.block(name);
      for (int c = 1; c <= block.convs(); c++) {
        x =
            layers.conv2d(
                name + "_conv" + c,
                x,
                block.kernelSize(),
                channels,
                block.filters(),
                1,
                Layers.SAME,
                !block.batchNorm());
        if (block.batchNorm()) {
          x = layers.batchNorm(name + "_bn" + c, x, block.filters(), BATCH_NORM_EPSILON);
        }
        x = layers.relu(x);
        channels = block.filters();
      }
      x =
          switch (block.pool()) {
            case MAX -> layers.maxPool(x, 2, 2, Layers.SAME);
            case AVERAGE -> layers.avgPool(x, 2, 2, Layers.SAME);
            case NONE -> x;
          };
    }
    layers.head();
    Operand<TFloat32> features =
        layers.dropout(layers.globalAveragePool(x), (float) design.dropout(), seed, DROPOUT_SEED2);
    return layers.dense(HEAD, features, channels, numClasses());
  }
}
