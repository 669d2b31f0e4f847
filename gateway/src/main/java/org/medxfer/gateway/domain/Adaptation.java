package org.medxfer.gateway.domain;

/**
 * Which weights train.
 *
 * @param kind the kind; null when it was not given (a validation problem)
 * @param upToBlock for {@link AdaptationKind#FREEZE_UP_TO_BLOCK}: the last frozen block (0 when not
 *     given)
 */
public record Adaptation(AdaptationKind kind, int upToBlock) {

  /** An adaptation without parameters. */
  public static Adaptation of(AdaptationKind kind) {
    return new Adaptation(kind, 0);
  }

  /** A short readable form, for example {@code full} or {@code freeze_up_to_block_b3}. */
  public String label() {
    String name = kind == null ? "unset" : kind.fileName();
    return upToBlock > 0 ? name + "_b" + upToBlock : name;
  }
}
