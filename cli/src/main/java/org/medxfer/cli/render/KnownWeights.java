package org.medxfer.cli.render;

import java.util.Map;
import java.util.Optional;

/**
 * Source and licence of the pretrained weights the trainer registers, for the report's provenance.
 * The trainer's weights registry is the source of truth and exposes no API, so these lines repeat
 * its source and licence columns; a weights name missing here shows as unknown in the report.
 */
final class KnownWeights {

  /** Where a weights file comes from and under which licence. */
  record Weights(String sha256, String source, String licence) {}

  private static final Map<String, Weights> KNOWN =
      Map.of(
          "mobilenet_v1_025_imagenet",
          new Weights(
              "dbdb03ee2a22fd895301636cd328b234bb3a9952358f436d82f46b81e0d5b0bf",
              "Keras Applications MobileNet v1 α=0.25, 224 px, no top (Howard et al.,"
                  + " arXiv:1704.04861)",
              "Apache-2.0 (Google TF-Slim MobileNet v1 checkpoints, ported by Keras); ImageNet"
                  + " terms apply to the training data"),
          "squeezenet1_1_imagenet",
          new Weights(
              "17154246284f555591549ac2c83e127abfbf4307dc4b0060fdaa2931d0fa38da",
              "rcmalli/keras-squeezenet port of DeepScale SqueezeNet v1.1 (Iandola et al.,"
                  + " arXiv:1602.07360)",
              "MIT (Keras port); BSD-2-Clause (original SqueezeNet model); ImageNet terms apply"
                  + " to the training data"));

  private KnownWeights() {}

  static Optional<Weights> find(String name) {
    return Optional.ofNullable(KNOWN.get(name));
  }
}
