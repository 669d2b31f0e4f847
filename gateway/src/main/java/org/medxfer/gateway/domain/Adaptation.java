package org.medxfer.gateway.domain;

/**
 * Which weights train.
 *
 * @param kind the kind; null when it was not given (a validation problem)
 * @param upToBlock for {@link AdaptationKind#FREEZE_UP_TO_BLOCK}: the last frozen block (0 when not
 *     given)
 * @param linearProbeEpochs for {@link AdaptationKind#LP_FT}: epochs of the linear-probe phase (0
 *     when not given: half the epochs)
 */
public record Adaptation(AdaptationKind kind, int upToBlock, int linearProbeEpochs) {

  /** An adaptation without parameters. */
  public static Adaptation of(AdaptationKind kind) {
    return new Adaptation(kind, 0, 0);
  }

  /** An adaptation with a block and no linear-probe epochs. */
  public Adaptation(AdaptationKind kind, int upToBlock) {
    this(kind, upToBlock, 0);
  }

  /**
   * A short readable form, for example {@code full}, {@code freeze_up_to_block_b3}, {@code
   * lp_ft_e5}.
   */
  public String label() {
    String name = kind == null ? "unset" : kind.fileName();
    if (upToBlock > 0) {
      name = name + "_b" + upToBlock;
    }
    return linearProbeEpochs > 0 ? name + "_e" + linearProbeEpochs : name;
  }
}
