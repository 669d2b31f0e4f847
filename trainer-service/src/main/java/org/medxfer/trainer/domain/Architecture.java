package org.medxfer.trainer.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The network architectures this trainer can build, by their wire id. */
public enum Architecture {
  /** Three conv + BN + ReLU blocks; no pretrained weights, meant for cheap tests. */
  CNN_SMALL("cnn_small"),
  /** Keras MobileNet v1 with width multiplier 0.25. */
  MOBILENET_V1_025("mobilenet_v1_025"),
  /** SqueezeNet 1.1 as ported to Keras by rcmalli/keras-squeezenet. */
  SQUEEZENET1_1("squeezenet1_1");

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
