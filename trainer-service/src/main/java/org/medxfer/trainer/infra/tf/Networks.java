package org.medxfer.trainer.infra.tf;

import org.medxfer.trainer.domain.Architecture;
import org.medxfer.trainer.domain.CustomCnnDesign;
import org.medxfer.trainer.domain.FailureReason;
import org.medxfer.trainer.domain.TrainingSpec;
import org.medxfer.trainer.domain.TrialFailedException;

/** Creates the {@link TfNetwork} for an architecture id. */
final class Networks {

  private Networks() {}

  /**
   * @param dataChannels channels of the stored images; only {@code cnn_small} and custom CNNs adapt
   *     to them, the other architectures always take RGB
   * @throws TrialFailedException INVALID_SPEC for {@link Architecture#CUSTOM_CNN}, which needs its
   *     design: see {@link #custom}
   */
  static TfNetwork create(Architecture architecture, int numClasses, int dataChannels, long seed) {
    return switch (architecture) {
      case CNN_SMALL -> new SmallCnnNetwork(numClasses, dataChannels, seed);
      case MOBILENET_V1_025 -> new MobileNetV1Network(architecture, 0.25f, numClasses, seed);
      case MOBILENET_V1_050 -> new MobileNetV1Network(architecture, 0.5f, numClasses, seed);
      case MOBILENET_V1_075 -> new MobileNetV1Network(architecture, 0.75f, numClasses, seed);
      case MOBILENET_V1_100 -> new MobileNetV1Network(architecture, 1f, numClasses, seed);
      case SQUEEZENET1_1 -> new SqueezeNet11Network(numClasses, seed);
      case RESNET18 -> new ResNet18Network(numClasses, seed);
      case RESNET50 -> new ResNet50Network(numClasses, seed);
      case DENSENET121 -> new DenseNet121Network(numClasses, seed);
      case VGG16_BN -> new Vgg16BnNetwork(numClasses, seed);
      case INCEPTION_V3 -> new InceptionV3Network(numClasses, seed);
      case CBR_TINY -> new CbrNetwork(CbrNetwork.Variant.TINY, numClasses, seed);
      case CBR_SMALL -> new CbrNetwork(CbrNetwork.Variant.SMALL, numClasses, seed);
      case CBR_LARGE_T -> new CbrNetwork(CbrNetwork.Variant.LARGE_T, numClasses, seed);
      case CBR_LARGE_W -> new CbrNetwork(CbrNetwork.Variant.LARGE_W, numClasses, seed);
      case CUSTOM_CNN ->
          throw new TrialFailedException(
              FailureReason.INVALID_SPEC, "custom_cnn needs the study's custom_cnn description");
    };
  }

  /**
   * The network of a trial: its custom CNN design when it has one, else the zoo architecture.
   *
   * @param dataChannels channels of the stored images
   */
  static TfNetwork create(TrainingSpec spec, int dataChannels, long seed) {
    CustomCnnDesign design = spec.options().customCnn();
    if (design != null) {
      return custom(design, spec.numClasses(), dataChannels, seed);
    }
    return create(spec.architecture(), spec.numClasses(), dataChannels, seed);
  }

  /** A study-defined CNN; it takes the data's own channels. */
  static TfNetwork custom(CustomCnnDesign design, int numClasses, int dataChannels, long seed) {
    return new CustomCnnNetwork(design, numClasses, dataChannels, seed);
  }
}
