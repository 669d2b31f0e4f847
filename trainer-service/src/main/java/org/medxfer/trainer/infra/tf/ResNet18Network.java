package org.medxfer.trainer.infra.tf;

import org.medxfer.trainer.domain.Architecture;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ResNet-18 (He et al. 2016) as torchvision builds it: two basic blocks (3x3, 3x3) per stage, the
 * stride on the first 3x3 with one pixel of padding on each side, projection shortcuts (1x1 conv +
 * batch norm) where the shape changes. Keras has no ResNet-18, so names follow Keras' ResNet50
 * scheme. 11,689,512 parameters at 224 px with 1,000 classes, as torchvision's.
 */
final class ResNet18Network extends ResNetNetwork {

  ResNet18Network(int numClasses, long seed) {
    super(numClasses, seed);
  }

  @Override
  Architecture architecture() {
    return Architecture.RESNET18;
  }

  /** torchvision's weights expect its normalisation. */
  @Override
  Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> pixels) {
    return Preprocessing.torch(tf, pixels);
  }

  @Override
  int[] blocksPerStage() {
    return new int[] {2, 2, 2, 2};
  }

  @Override
  int expansion() {
    return 1;
  }

  @Override
  Operand<TFloat32> residualBlock(
      Layers layers, Operand<TFloat32> x, String name, int inChannels, int filters, int stride) {
    Operand<TFloat32> shortcut = x;
    if (stride != 1 || inChannels != filters) {
      shortcut = convBn(layers, name + "_0", x, 1, inChannels, filters, stride, Layers.VALID);
    }
    // torchvision pads one pixel on every side; TF's SAME would pad only bottom/right at stride 2.
    Operand<TFloat32> y =
        stride == 1
            ? convBn(layers, name + "_1", x, 3, inChannels, filters, 1, Layers.SAME)
            : convBn(
                layers,
                name + "_1",
                layers.zeroPad(x, 1),
                3,
                inChannels,
                filters,
                stride,
                Layers.VALID);
    y = layers.relu(y);
    y = convBn(layers, name + "_2", y, 3, filters, filters, 1, Layers.SAME);
    return layers.relu(layers.add(y, shortcut));
  }
}
