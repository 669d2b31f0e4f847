package org.medxfer.trainer.domain;

/**
 * Why a trial failed. The names travel as {@code ErrorInfo.reason}, so clients can branch on them;
 * never rename one.
 */
public enum FailureReason {
  /** The training loss became NaN or infinite. */
  DIVERGED,
  /** A registered weight file is not in the weights directory. */
  WEIGHTS_MISSING,
  /** A weight file is there but its sha256 or its HDF5 structure is wrong. */
  WEIGHTS_CORRUPT,
  /** A weight file lacks a layer the architecture needs, or a shape differs. */
  WEIGHTS_MISMATCH,
  /** The architecture cannot run at the requested input resolution. */
  UNSUPPORTED_RESOLUTION,
  /** The architecture id is unknown to this trainer. */
  UNSUPPORTED_ARCHITECTURE,
  /** The trial spec is inconsistent (for example an initialisation the architecture lacks). */
  INVALID_SPEC,
  /** The images or labels are unusable (shapes differ between splits, labels out of range). */
  INVALID_DATA,
  /** The images could not be read: the store is unreachable, a shard is missing or corrupt. */
  DATA_UNREADABLE,
  /** The test predictions could not be written to storage. */
  PREDICTIONS_UNWRITABLE,
  /** Anything else; the message is for operators, not for clients. */
  INTERNAL
}
