package org.medxfer.gateway.domain;

import java.util.List;

/**
 * The architectures a study may name: the model zoo the trainers can build. The one list of them in
 * the gateway; a trainer that learns a new architecture is matched by adding its id here.
 */
public final class Architectures {

  /** Architecture ids, in the order error messages list them. */
  public static final List<String> KNOWN =
      List.of("mobilenet_v1_025", "squeezenet1_1", "cnn_small");

  private Architectures() {}

  /** Whether trainers can build {@code id}. */
  public static boolean isKnown(String id) {
    return KNOWN.contains(id);
  }
}
