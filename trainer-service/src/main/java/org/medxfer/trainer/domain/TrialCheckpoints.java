package org.medxfer.trainer.domain;

import java.util.Optional;

/**
 * Where one attempt keeps its per-epoch checkpoint and its final model, and where final models of
 * other trials are found. The contents are opaque to the domain: the trainer writes and reads them.
 */
public interface TrialCheckpoints {

  /** Keeps nothing and finds nothing: every attempt starts from scratch. */
  TrialCheckpoints NONE =
      new TrialCheckpoints() {
        @Override
        public Optional<byte[]> lastCheckpoint() {
          return Optional.empty();
        }

        @Override
        public void saveCheckpoint(byte[] checkpoint) {}

        @Override
        public void saveFinalModel(byte[] model) {}

        @Override
        public Optional<byte[]> finalModelOf(String trial) {
          return Optional.empty();
        }
      };

  /** The checkpoint this attempt saved last, if an earlier delivery of it got that far. */
  Optional<byte[]> lastCheckpoint();

  /** Replaces this attempt's checkpoint; called after every epoch. */
  void saveCheckpoint(byte[] checkpoint);

  /** Stores this trial's final (best-epoch) model, the start of trials that transfer from it. */
  void saveFinalModel(byte[] model);

  /** The final model trial {@code trial} stored, if it completed. */
  Optional<byte[]> finalModelOf(String trial);
}
