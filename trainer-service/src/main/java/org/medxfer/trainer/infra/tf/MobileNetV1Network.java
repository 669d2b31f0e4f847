package org.medxfer.trainer.infra.tf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medxfer.trainer.domain.Architecture;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras MobileNet v1 with width multiplier alpha ({@code mobilenet_v1_025}, {@code _050}, {@code
 * _075}, {@code _100}): a stride-2 3x3 conv stem and 13 depthwise-separable blocks, each conv
 * followed by batch norm (epsilon 1e-3) and ReLU6, then global average pooling and a new dense
 * head. Layer names match the Keras files (the same for every alpha), so {@code
 * mobilenet_2_5_224_tf_no_top.h5} loads by name into {@code mobilenet_v1_025}.
 */
final class MobileNetV1Network extends TfNetwork {

  static final String CONV1 = "conv1";
  static final String HEAD = "logits";
  static final int BLOCKS = 13;
  private static final float BATCH_NORM_EPSILON = 1e-3f;
  private static final String BN = "_bn";

  /** Pointwise filters at alpha 1 and depthwise stride of blocks 1..13 (Keras' table). */
  private static final int[][] BLOCK_FILTERS_AND_STRIDES = {
    {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1},
    {512, 1}, {512, 1}, {1024, 2}, {1024, 1}
  };

  private final Architecture architecture;
  private final float alpha;

  /** {@code mobilenet_v1_025}, the width of the shipped ImageNet weights. */
  MobileNetV1Network(int numClasses, long seed) {
    this(Architecture.MOBILENET_V1_025, 0.25f, numClasses, seed);
  }

  /**
   * @param alpha width multiplier: every layer has alpha times the filters of the alpha-1 network
   */
  MobileNetV1Network(Architecture architecture, float alpha, int numClasses, long seed) {
    super(numClasses, 3, seed);
    this.architecture = architecture;
    this.alpha = alpha;
  }

  @Override
  Architecture architecture() {
    return architecture;
  }

  @Override
  int minimumResolution() {
    // SAME padding keeps at least one pixel through all five stride-2 layers at any size; below
    // 32 pixels the last blocks see 1x1 maps, which still trains.
    return 1;
  }

  /** Keras {@code mobilenet.preprocess_input}: x / 127.5 - 1. */
  @Override
  Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels) {
    return Preprocessing.signedUnit(tf, pixels);
  }

  @Override
  Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images) {
    int channels = filters(32);
    layers.block("stem");
    Operand<TFloat32> x = layers.conv2d(CONV1, images, 3, 3, channels, 2, Layers.SAME, false);
    x = layers.relu6(layers.batchNorm(CONV1 + BN, x, channels, BATCH_NORM_EPSILON));
    for (int block = 1; block <= BLOCKS; block++) {
      int out = filters(BLOCK_FILTERS_AND_STRIDES[block - 1][0]);
      int stride = BLOCK_FILTERS_AND_STRIDES[block - 1][1];
      String dw = depthwiseLayer(block);
      layers.block("block" + block);
      x = layers.depthwiseConv2d(dw, x, 3, channels, stride, Layers.SAME);
      x = layers.relu6(layers.batchNorm(dw + BN, x, channels, BATCH_NORM_EPSILON));
      String pw = pointwiseLayer(block);
      x = layers.conv2d(pw, x, 1, channels, out, 1, Layers.SAME, false);
      x = layers.relu6(layers.batchNorm(pw + BN, x, out, BATCH_NORM_EPSILON));
      channels = out;
    }
    layers.head();
    return layers.dense(HEAD, layers.globalAveragePool(x), channels, numClasses());
  }

  @Override
  void loadImageNetWeights(Session session, Path file) {
    assignKerasWeights(session, file, imageNetBindings());
  }

  /** Every backbone weight: 27 convs and 27 batch norms, 135 tensors. */
  static List<KerasWeightBinding> imageNetBindings() {
    List<KerasWeightBinding> bindings = new ArrayList<>();
    convAndBatchNorm(bindings, CONV1, "kernel");
    for (int block = 1; block <= BLOCKS; block++) {
      convAndBatchNorm(bindings, depthwiseLayer(block), "depthwise_kernel");
      convAndBatchNorm(bindings, pointwiseLayer(block), "kernel");
    }
    return bindings;
  }

  private static void convAndBatchNorm(
      List<KerasWeightBinding> bindings, String layer, String kernel) {
    bindings.add(new KerasWeightBinding(layer, 0, kernel + ":0", layer + "/" + kernel));
    String bn = layer + BN;
    String[] bnWeights = {"gamma", "beta", "moving_mean", "moving_variance"};
    for (int i = 0; i < bnWeights.length; i++) {
      bindings.add(new KerasWeightBinding(bn, i, bnWeights[i] + ":0", bn + "/" + bnWeights[i]));
    }
  }

  static String depthwiseLayer(int block) {
    return "conv_dw_" + block;
  }

  static String pointwiseLayer(int block) {
    return "conv_pw_" + block;
  }

  private int filters(int atAlphaOne) {
    return (int) (atAlphaOne * alpha);
  }
}
