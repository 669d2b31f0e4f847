package org.medxfer.trainer.domain;

import java.nio.file.Path;

/** Hands out a registered pretrained weight file as a local file whose sha256 was checked. */
public interface WeightFiles {

  /**
   * @throws TrialFailedException {@link FailureReason#WEIGHTS_MISSING} when no copy exists, {@link
   *     FailureReason#WEIGHTS_CORRUPT} when the bytes differ from the registry's sha256
   */
  Path verifiedFile(PretrainedWeights weights);
}
