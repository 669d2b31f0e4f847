package org.medxfer.evaluator.domain;

/** Which weights a trial trains; declared in the proto's order, which rows sort by. */
public enum AdaptationKind {
  /** Not set in the trial's spec. */
  UNSPECIFIED,
  /** Every weight trains. */
  FULL,
  /** Only the new head trains. */
  LINEAR_PROBE,
  /** Blocks up to a given one are frozen. */
  FREEZE_UP_TO_BLOCK,
  /** Linear probe, then full fine-tuning. */
  LP_FT
}
