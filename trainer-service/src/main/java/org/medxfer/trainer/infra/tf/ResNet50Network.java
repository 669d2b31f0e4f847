package org.medxfer.trainer.infra.tf;

import org.medxfer.trainer.domain.Architecture;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras ResNet50 (v1): bottleneck blocks (1x1, 3x3, 1x1 with four times the filters), 3, 4, 6 and 3
 * per stage, the stride on the first 1x1 as in Keras, a projection shortcut in each stage's first
 * block. Convs carry no bias (batch norm follows), so the model has torchvision's 25,557,032
 * parameters at 224 px with 1,000 classes; Keras files add a conv bias, which on import folds into
 * the following batch norm's moving mean (mean - bias).
 */
final class ResNet50Network extends ResNetNetwork {

  private static final int EXPANSION = 4;

  ResNet50Network(int numClasses, long seed) {
    super(numClasses, seed);
  }

  @Override
  Architecture architecture() {
    return Architecture.RESNET50;
  }

  /** Keras ResNet50 weights were trained with caffe preprocessing. */
  @Override
  Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels) {
    return Preprocessing.caffe(tf, pixels);
  }

  @Override
  int[] blocksPerStage() {
    return new int[] {3, 4, 6, 3};
  }

  @Override
  int expansion() {
    return EXPANSION;
  }

  @Override
  Operand<TFloat32> residualBlock(
      Layers layers, Operand<TFloat32> x, String name, int inChannels, int filters, int stride) {
    int out = EXPANSION * filters;
    Operand<TFloat32> shortcut = x;
    if (stride != 1 || inChannels != out) {
      shortcut = convBn(layers, name + "_0", x, 1, inChannels, out, stride, Layers.VALID);
    }
    Operand<TFloat32> y =
        layers.relu(convBn(layers, name + "_1", x, 1, inChannels, filters, stride, Layers.VALID));
    y = layers.relu(convBn(layers, name + "_2", y, 3, filters, filters, 1, Layers.SAME));
    y = convBn(layers, name + "_3", y, 1, filters, out, 1, Layers.VALID);
    return layers.relu(layers.add(y, shortcut));
  }
}
