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
 * SqueezeNet 1.1 as in the Keras port (rcmalli/keras-squeezenet): conv1 3x3/2 with bias and ReLU,
 * 3x3/2 max pools after conv1, fire3 and fire5, fire modules 2..9, then global average pooling and
 * a new dense head instead of conv10. No batch norm. Convs and pools use VALID padding except the
 * 3x3 expand convs, so small inputs shrink to nothing: see {@link #minimumResolution()}.
 */
final class SqueezeNet11Network extends TfNetwork {

  static final String CONV1 = "conv1";
  static final String HEAD = "logits";

  /** Fire id, squeeze filters, expand filters (each of 1x1 and 3x3). */
  private static final int[][] FIRES = {
    {2, 16, 64},
    {3, 16, 64},
    {4, 32, 128},
    {5, 32, 128},
    {6, 48, 192},
    {7, 48, 192},
    {8, 64, 256},
    {9, 64, 256}
  };

  /** A 3x3/2 VALID max pool follows these fires (pool3 and pool5); pool1 follows conv1. */
  private static final int[] POOL_AFTER_FIRE = {3, 5};

  private static final int CONV1_FILTERS = 64;

  SqueezeNet11Network(int numClasses, long seed) {
    super(numClasses, 3, seed);
  }

  @Override
  Architecture architecture() {
    return Architecture.SQUEEZENET1_1;
  }

  /** 31 pixels: conv1 and the three pools take 31 to 15, 7, 3 and finally 1. */
  @Override
  int minimumResolution() {
    int resolution = 1;
    while (featureMapSize(resolution) < 1) {
      resolution++;
    }
    return resolution;
  }

  /** Side of the fire9 feature map for a square input, 0 when a layer has nothing left. */
  static int featureMapSize(int resolution) {
    int size = Preprocessing.validSize(resolution, 3, 2); // conv1
    for (int pool = 0; pool < 3; pool++) {
      size = Preprocessing.validSize(size, 3, 2);
    }
    return size;
  }

  /** Caffe mode: RGB to BGR, minus the ImageNet channel means, no scaling. */
  @Override
  Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels) {
    return Preprocessing.caffe(tf, pixels);
  }

  @Override
  Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images) {
    layers.block("conv1");
    Operand<TFloat32> x = layers.conv2d(CONV1, images, 3, 3, CONV1_FILTERS, 2, Layers.VALID, true);
    x = layers.maxPool(layers.relu(x), 3, 2, Layers.VALID);
    int channels = CONV1_FILTERS;
    for (int[] fire : FIRES) {
      layers.block("fire" + fire[0]);
      x = fire(layers, x, fire[0], channels, fire[1], fire[2]);
      channels = 2 * fire[2];
      for (int poolAfter : POOL_AFTER_FIRE) {
        if (fire[0] == poolAfter) {
          x = layers.maxPool(x, 3, 2, Layers.VALID);
        }
      }
    }
    layers.head();
    return layers.dense(HEAD, layers.globalAveragePool(x), channels, numClasses());
  }

  private static Operand<TFloat32> fire(
      Layers layers, Operand<TFloat32> x, int id, int in, int squeeze, int expand) {
    Operand<TFloat32> s =
        layers.relu(layers.conv2d(squeezeLayer(id), x, 1, in, squeeze, 1, Layers.VALID, true));
    Operand<TFloat32> left =
        layers.relu(
            layers.conv2d(expandLayer(id, 1), s, 1, squeeze, expand, 1, Layers.VALID, true));
    Operand<TFloat32> right =
        layers.relu(layers.conv2d(expandLayer(id, 3), s, 3, squeeze, expand, 1, Layers.SAME, true));
    // Keras concatenates expand1x1 before expand3x3; the next squeeze kernel depends on that order.
    Ops tf = layers.tf();
    return tf.concat(List.of(left, right), tf.constant(3));
  }

  @Override
  void loadImageNetWeights(Session session, Path file) {
    assignKerasWeights(session, file, imageNetBindings());
  }

  /** conv1 and the three convs of each fire: kernel then bias, 25 layers, 50 tensors. */
  static List<KerasWeightBinding> imageNetBindings() {
    List<String> convLayers = new ArrayList<>();
    convLayers.add(CONV1);
    for (int[] fire : FIRES) {
      convLayers.add(squeezeLayer(fire[0]));
      convLayers.add(expandLayer(fire[0], 1));
      convLayers.add(expandLayer(fire[0], 3));
    }
    List<KerasWeightBinding> bindings = new ArrayList<>();
    for (String layer : convLayers) {
      // Keras-1 names: the kernel is "uniformN", the bias "<layer>_b"; weight_names gives order.
      bindings.add(new KerasWeightBinding(layer, 0, "", layer + "/kernel"));
      bindings.add(new KerasWeightBinding(layer, 1, "_b", layer + "/bias"));
    }
    return bindings;
  }

  static String squeezeLayer(int fire) {
    return "fire" + fire + "/squeeze1x1";
  }

  static String expandLayer(int fire, int kernelSize) {
    return "fire" + fire + "/expand" + kernelSize + "x" + kernelSize;
  }
}
