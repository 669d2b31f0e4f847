package org.medxfer.trainer.domain;

/**
 * Which weights a trial adapts.
 *
 * @param kind the policy
 * @param freezeUpToBlock for {@link Kind#FREEZE_UP_TO_BLOCK}: the last frozen block, 1-based
 * @param linearProbeEpochs for {@link Kind#LP_FT}: epochs of the linear-probe phase
 */
public record Adaptation(Kind kind, int freezeUpToBlock, int linearProbeEpochs) {

  /** Every weight trains. */
  public static final Adaptation FULL = new Adaptation(Kind.FULL, 0, 0);

  /** The adaptation policies. */
  public enum Kind {
    /** Every weight trains. */
    FULL,
    /** Only the head trains; the backbone is frozen and its batch norm runs in inference mode. */
    LINEAR_PROBE,
    /** Blocks 1..freezeUpToBlock are frozen (batch norm in inference mode); the rest trains. */
    FREEZE_UP_TO_BLOCK,
    /** Linear probe for linearProbeEpochs epochs, then every weight trains. */
    LP_FT
  }

  public Adaptation {
    if (kind == null) {
      throw invalid("adaptation kind is required");
    }
    if (kind == Kind.FREEZE_UP_TO_BLOCK && freezeUpToBlock < 1) {
      throw invalid("adaptation.freeze_up_to_block must be at least 1, got " + freezeUpToBlock);
    }
    if (kind == Kind.LP_FT && linearProbeEpochs < 1) {
      throw invalid(
          "adaptation.linear_probe_epochs must be at least 1 for LP_FT, got " + linearProbeEpochs);
    }
  }

  /**
   * Number of leading backbone blocks frozen in {@code epoch} (1-based) out of {@code blocks}; 0
   * means everything trains.
   */
  public int frozenBlocks(int epoch, int blocks) {
    return switch (kind) {
      case FULL -> 0;
      case LINEAR_PROBE -> blocks;
      case FREEZE_UP_TO_BLOCK -> Math.min(freezeUpToBlock, blocks);
      case LP_FT -> epoch <= linearProbeEpochs ? blocks : 0;
    };
  }

  private static TrialFailedException invalid(String message) {
    return new TrialFailedException(FailureReason.INVALID_SPEC, message);
  }
}
