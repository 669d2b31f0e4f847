package org.medxfer.trainer.infra.tf;

import org.medxfer.trainer.domain.Architecture;

/** Creates the {@link TfNetwork} for an architecture id. */
final class Networks {

  private Networks() {}

  /**
   * @param dataChannels channels of the stored images; only {@code cnn_small} adapts to them, the
   *     ImageNet architectures always take RGB
   */
  static TfNetwork create(Architecture architecture, int numClasses, int dataChannels, long seed) {
    return switch (architecture) {
      case CNN_SMALL -> new SmallCnnNetwork(numClasses, dataChannels, seed);
      case MOBILENET_V1_025 -> new MobileNetV1Network(numClasses, seed);
      case SQUEEZENET1_1 -> new SqueezeNet11Network(numClasses, seed);
    };
  }
}
