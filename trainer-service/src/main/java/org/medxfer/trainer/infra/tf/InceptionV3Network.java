package org.medxfer.trainer.infra.tf;

import java.util.List;
import org.medxfer.trainer.domain.Architecture;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras InceptionV3 (Szegedy et al. 2016), without the auxiliary classifier: a stem of five conv +
 * BN + ReLU units and two 3x3/2 max pools, mixed0..mixed10 (35x35, 17x17 and 8x8 modules at 299 px,
 * with the grid reductions mixed3 and mixed8), global average pooling and the head. Every conv is
 * Keras' {@code conv2d_bn}: no bias, batch norm without scale (epsilon 1e-3), ReLU; layers are
 * numbered in Keras' creation order ({@code conv2d_1}..{@code conv2d_94}, {@code
 * batch_normalization_1}..), as in the Keras 2 weight files. 23,851,784 parameters (moving
 * statistics included, as Keras counts them) at 224 px with 1,000 classes.
 *
 * <p>Its VALID stem and reductions need 75 px (see {@link #minimumResolution()}); there is no
 * small-input variant. Blocks: {@code stem}, {@code mixed0}..{@code mixed10}.
 */
final class InceptionV3Network extends TfNetwork {

  static final String HEAD = "logits";
  private static final float BATCH_NORM_EPSILON = 1e-3f;

  /** Keras' numbering of the conv/BN pairs, reset for every forward pass. */
  private int unit;

  InceptionV3Network(int numClasses, long seed) {
    super(numClasses, 3, seed);
  }

  @Override
  Architecture architecture() {
    return Architecture.INCEPTION_V3;
  }

  /** 75 px: the last grid reduction (mixed8) still gets a 3x3 map. */
  @Override
  int minimumResolution() {
    int resolution = 1;
    while (lastGridSize(resolution) < 1) {
      resolution++;
    }
    return resolution;
  }

  /** Side of the mixed10 map for a square input; 0 when a VALID layer has nothing left. */
  static int lastGridSize(int resolution) {
    int size = Preprocessing.validSize(resolution, 3, 2); // conv2d_1
    size = Preprocessing.validSize(size, 3, 1); // conv2d_2
    size = Preprocessing.validSize(size, 3, 2); // max pool
    size = Preprocessing.validSize(size, 3, 1); // conv2d_5 (conv2d_4 is 1x1)
    size = Preprocessing.validSize(size, 3, 2); // max pool
    size = Preprocessing.validSize(size, 3, 2); // mixed3
    return Preprocessing.validSize(size, 3, 2); // mixed8
  }

  @Override
  Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels) {
    return Preprocessing.signedUnit(tf, pixels);
  }

  @Override
  Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images) {
    unit = 0;
    layers.block("stem");
    Operand<TFloat32> x = conv(layers, images, 3, 32, 3, 3, 2, Layers.VALID);
    x = conv(layers, x, 32, 32, 3, 3, 1, Layers.VALID);
    x = conv(layers, x, 32, 64, 3, 3, 1, Layers.SAME);
    x = layers.maxPool(x, 3, 2, Layers.VALID);
    x = conv(layers, x, 64, 80, 1, 1, 1, Layers.VALID);
    x = conv(layers, x, 80, 192, 3, 3, 1, Layers.VALID);
    x = layers.maxPool(x, 3, 2, Layers.VALID);
    int channels = 192;
    for (int i = 0; i < 3; i++) {
      layers.block("mixed" + i);
      x = module35(layers, x, channels, i == 0 ? 32 : 64);
      channels = 224 + (i == 0 ? 32 : 64);
    }
    layers.block("mixed3");
    x = reduction17(layers, x, channels);
    channels = 768;
    int[] widths7x7 = {128, 160, 160, 192};
    for (int i = 0; i < widths7x7.length; i++) {
      layers.block("mixed" + (4 + i));
      x = module17(layers, x, widths7x7[i]);
    }
    layers.block("mixed8");
    x = reduction8(layers, x);
    channels = 1280;
    for (int i = 0; i < 2; i++) {
      layers.block("mixed" + (9 + i));
      x = module8(layers, x, channels);
      channels = 2048;
    }
    layers.head();
    return layers.dense(HEAD, layers.globalAveragePool(x), channels, numClasses());
  }

  /** mixed0..2: 1x1 | 1x1, 5x5 | 1x1, 3x3, 3x3 | avg pool, 1x1. */
  private Operand<TFloat32> module35(Layers layers, Operand<TFloat32> x, int in, int poolWidth) {
    Operand<TFloat32> b1 = conv(layers, x, in, 64, 1, 1, 1, Layers.SAME);
    Operand<TFloat32> b5 = conv(layers, x, in, 48, 1, 1, 1, Layers.SAME);
    b5 = conv(layers, b5, 48, 64, 5, 5, 1, Layers.SAME);
    Operand<TFloat32> b3 = conv(layers, x, in, 64, 1, 1, 1, Layers.SAME);
    b3 = conv(layers, b3, 64, 96, 3, 3, 1, Layers.SAME);
    b3 = conv(layers, b3, 96, 96, 3, 3, 1, Layers.SAME);
    Operand<TFloat32> pool = layers.avgPool(x, 3, 1, Layers.SAME);
    pool = conv(layers, pool, in, poolWidth, 1, 1, 1, Layers.SAME);
    return layers.concatChannels(List.of(b1, b5, b3, pool));
  }

  /** mixed3: 3x3/2 | 1x1, 3x3, 3x3/2 | max pool 3x3/2. */
  private Operand<TFloat32> reduction17(Layers layers, Operand<TFloat32> x, int in) {
    Operand<TFloat32> b3 = conv(layers, x, in, 384, 3, 3, 2, Layers.VALID);
    Operand<TFloat32> d = conv(layers, x, in, 64, 1, 1, 1, Layers.SAME);
    d = conv(layers, d, 64, 96, 3, 3, 1, Layers.SAME);
    d = conv(layers, d, 96, 96, 3, 3, 2, Layers.VALID);
    Operand<TFloat32> pool = layers.maxPool(x, 3, 2, Layers.VALID);
    return layers.concatChannels(List.of(b3, d, pool));
  }

  /** mixed4..7: 1x1 | 1x1, 1x7, 7x1 | 1x1, 7x1, 1x7, 7x1, 1x7 | avg pool, 1x1; 768 channels. */
  private Operand<TFloat32> module17(Layers layers, Operand<TFloat32> x, int w) {
    int in = 768;
    Operand<TFloat32> b1 = conv(layers, x, in, 192, 1, 1, 1, Layers.SAME);
    Operand<TFloat32> b7 = conv(layers, x, in, w, 1, 1, 1, Layers.SAME);
    b7 = conv(layers, b7, w, w, 1, 7, 1, Layers.SAME);
    b7 = conv(layers, b7, w, 192, 7, 1, 1, Layers.SAME);
    Operand<TFloat32> d = conv(layers, x, in, w, 1, 1, 1, Layers.SAME);
    d = conv(layers, d, w, w, 7, 1, 1, Layers.SAME);
    d = conv(layers, d, w, w, 1, 7, 1, Layers.SAME);
    d = conv(layers, d, w, w, 7, 1, 1, Layers.SAME);
    d = conv(layers, d, w, 192, 1, 7, 1, Layers.SAME);
    Operand<TFloat32> pool = layers.avgPool(x, 3, 1, Layers.SAME);
    pool = conv(layers, pool, in, 192, 1, 1, 1, Layers.SAME);
    return layers.concatChannels(List.of(b1, b7, d, pool));
  }

  /** mixed8: 1x1, 3x3/2 | 1x1, 1x7, 7x1, 3x3/2 | max pool 3x3/2. */
  private Operand<TFloat32> reduction8(Layers layers, Operand<TFloat32> x) {
    int in = 768;
    Operand<TFloat32> b3 = conv(layers, x, in, 192, 1, 1, 1, Layers.SAME);
    b3 = conv(layers, b3, 192, 320, 3, 3, 2, Layers.VALID);
    Operand<TFloat32> b7 = conv(layers, x, in, 192, 1, 1, 1, Layers.SAME);
    b7 = conv(layers, b7, 192, 192, 1, 7, 1, Layers.SAME);
    b7 = conv(layers, b7, 192, 192, 7, 1, 1, Layers.SAME);
    b7 = conv(layers, b7, 192, 192, 3, 3, 2, Layers.VALID);
    Operand<TFloat32> pool = layers.maxPool(x, 3, 2, Layers.VALID);
    return layers.concatChannels(List.of(b3, b7, pool));
  }

  /** mixed9, 10: 1x1 | 1x1, (1x3 | 3x1) | 1x1, 3x3, (1x3 | 3x1) | avg pool, 1x1. */
  private Operand<TFloat32> module8(Layers layers, Operand<TFloat32> x, int in) {
    Operand<TFloat32> b1 = conv(layers, x, in, 320, 1, 1, 1, Layers.SAME);
    Operand<TFloat32> b3 = conv(layers, x, in, 384, 1, 1, 1, Layers.SAME);
    Operand<TFloat32> b3a = conv(layers, b3, 384, 384, 1, 3, 1, Layers.SAME);
    Operand<TFloat32> b3b = conv(layers, b3, 384, 384, 3, 1, 1, Layers.SAME);
    Operand<TFloat32> d = conv(layers, x, in, 448, 1, 1, 1, Layers.SAME);
    d = conv(layers, d, 448, 384, 3, 3, 1, Layers.SAME);
    Operand<TFloat32> da = conv(layers, d, 384, 384, 1, 3, 1, Layers.SAME);
    Operand<TFloat32> db = conv(layers, d, 384, 384, 3, 1, 1, Layers.SAME);
    Operand<TFloat32> pool = layers.avgPool(x, 3, 1, Layers.SAME);
    pool = conv(layers, pool, in, 192, 1, 1, 1, Layers.SAME);
    return layers.concatChannels(
        List.of(
            b1,
            layers.concatChannels(List.of(b3a, b3b)),
            layers.concatChannels(List.of(da, db)),
            pool));
  }

  /** Keras {@code conv2d_bn}: conv without bias, batch norm without scale, ReLU. */
  private Operand<TFloat32> conv(
      Layers layers,
      Operand<TFloat32> x,
      int in,
      int out,
      int kernelHeight,
      int kernelWidth,
      int stride,
      String padding) {
    unit++;
    Operand<TFloat32> y =
        layers.rectangularConv2d(
            "conv2d_" + unit, x, kernelHeight, kernelWidth, in, out, stride, padding);
    return layers.relu(
        layers.batchNormWithoutScale("batch_normalization_" + unit, y, out, BATCH_NORM_EPSILON));
  }
}
