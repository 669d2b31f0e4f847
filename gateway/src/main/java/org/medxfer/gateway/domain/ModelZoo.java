package org.medxfer.gateway.domain;

import java.util.List;
import java.util.Optional;

/** Port: the architectures trainers build and the pretrained weights registered for them. */
public interface ModelZoo {

  /** Every architecture id, in the order error messages list them. */
  List<String> architectureIds();

  /** An architecture of the zoo, if {@code id} names one. */
  Optional<ArchitectureFacts> architecture(String id);

  /** The architecture a registered weight set is for; empty when no such weight set exists. */
  Optional<String> weightsArchitecture(String weightsName);

  /** Whether {@code architectureId} has default ImageNet weights. */
  boolean hasDefaultWeights(String architectureId);
}
