package org.medxfer.trainer.infra.tf;

import org.medxfer.trainer.domain.Architecture;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The Transfusion CBR family (Raghu, Zhang, Kleinberg and Bengio, "Transfusion: Understanding
 * Transfer Learning for Medical Imaging", NeurIPS 2019, section 3 and appendix): stacks of
 * conv-BN-ReLU blocks, each followed by a 3x3 max pool with stride 2, then global average pooling
 * and the classifier. Convolutions have stride 1. What this follows, per the appendix:
 *
 * <ul>
 *   <li>CBR-LargeT(all): 7x7 convs with 32, 64, 128, 256, 512 filters;
 *   <li>CBR-LargeW(ide): 7x7 convs with 64, 128, 256, 512 filters;
 *   <li>CBR-Small: 7x7 convs with 32, 64, 128, 256 filters;
 *   <li>CBR-Tiny: 5x5 convs with 64, 128, 256, 512 filters.
 * </ul>
 *
 * Convs and pools pad (SAME), so any input size works, 28 px included. Layers are {@code
 * blockN_conv}, {@code blockN_bn}; blocks {@code block1..blockN}. The paper trains these from
 * scratch on RGB inputs at 224 px and more; here they take RGB (grey repeated) scaled to [0, 1].
 */
final class CbrNetwork extends TfNetwork {

  static final String HEAD = "logits";
  private static final int POOL_SIZE = 3;
  private static final int POOL_STRIDE = 2;
  private static final float BATCH_NORM_EPSILON = 1e-3f;

  /** Kernel size and filters of one family member. */
  enum Variant {
    TINY(Architecture.CBR_TINY, 5, 64, 128, 256, 512),
    SMALL(Architecture.CBR_SMALL, 7, 32, 64, 128, 256),
    LARGE_T(Architecture.CBR_LARGE_T, 7, 32, 64, 128, 256, 512),
    LARGE_W(Architecture.CBR_LARGE_W, 7, 64, 128, 256, 512);

    final Architecture architecture;
    final int kernelSize;
    final int[] filters;

    Variant(Architecture architecture, int kernelSize, int... filters) {
      this.architecture = architecture;
      this.kernelSize = kernelSize;
      this.filters = filters;
    }
  }

  private final Variant variant;

  CbrNetwork(Variant variant, int numClasses, long seed) {
    super(numClasses, 3, seed);
    this.variant = variant;
  }

  @Override
  Architecture architecture() {
    return variant.architecture;
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
    int channels = 3;
    for (int block = 0; block < variant.filters.length; block++) {
      String name = "block" + (block + 1);
      int out = variant.filters[block];
      layers.block(name);
      x =
          layers.conv2d(
              name + "_conv", x, variant.kernelSize, channels, out, 1, Layers.SAME, false);
      x = layers.relu(layers.batchNorm(name + "_bn", x, out, BATCH_NORM_EPSILON));
      x = layers.maxPool(x, POOL_SIZE, POOL_STRIDE, Layers.SAME);
      channels = out;
    }
    layers.head();
    return layers.dense(HEAD, layers.globalAveragePool(x), channels, numClasses());
  }
}
