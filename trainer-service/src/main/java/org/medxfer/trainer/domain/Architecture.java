package org.medxfer.trainer.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The network architectures this trainer can build, by their wire id. */
public enum Architecture {
  /** Three conv + BN + ReLU blocks; no pretrained weights, meant for cheap tests. */
  CNN_SMALL("cnn_small"),
  /** Keras MobileNet v1 with width multiplier 0.25. */
  MOBILENET_V1_025("mobilenet_v1_025"),
  /** Keras MobileNet v1 with width multiplier 0.5. */
  MOBILENET_V1_050("mobilenet_v1_050"),
  /** Keras MobileNet v1 with width multiplier 0.75. */
  MOBILENET_V1_075("mobilenet_v1_075"),
  /** Keras MobileNet v1 with width multiplier 1.0. */
  MOBILENET_V1_100("mobilenet_v1_100"),
  /** SqueezeNet 1.1 as ported to Keras by rcmalli/keras-squeezenet. */
  SQUEEZENET1_1("squeezenet1_1"),
  /** ResNet-18 (He et al. 2016, torchvision layout), Keras-style layer names. */
  RESNET18("resnet18"),
  /** Keras ResNet50 (v1). */
  RESNET50("resnet50"),
  /** Keras DenseNet121. */
  DENSENET121("densenet121"),
  /** VGG-16 with batch norm after every convolution (torchvision vgg16_bn), Keras VGG16 names. */
  VGG16_BN("vgg16_bn"),
  /** Keras InceptionV3. */
  INCEPTION_V3("inception_v3"),
  /** Transfusion CBR-Tiny (Raghu et al. 2019). */
  CBR_TINY("cbr_tiny"),
  /** Transfusion CBR-Small. */
  CBR_SMALL("cbr_small"),
  /** Transfusion CBR-LargeT (tall). */
  CBR_LARGE_T("cbr_large_t"),
  /** Transfusion CBR-LargeW (wide). */
  CBR_LARGE_W("cbr_large_w"),
  /**
   * A CNN the study describes block by block ({@link CustomCnnDesign}); the study names it, the
   * trainer knows it by this id.
   */
  CUSTOM_CNN("custom_cnn");

  private final String id;

  Architecture(String id) {
    this.id = id;
  }

  /** The id used in trial specs and on the wire. */
  public String id() {
    return id;
  }

  /**
   * Looks an architecture up by id.
   *
   * @throws TrialFailedException with {@link FailureReason#UNSUPPORTED_ARCHITECTURE} for an unknown
   *     id, so an assignment naming an architecture this trainer lacks fails cleanly
   */
  public static Architecture fromId(String id) {
    for (Architecture architecture : values()) {
      if (architecture.id.equals(id)) {
        return architecture;
      }
    }
    throw new TrialFailedException(
        FailureReason.UNSUPPORTED_ARCHITECTURE,
        "Unknown architecture '"
            + id
            + "'; supported: "
            + Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", ")));
  }
}
