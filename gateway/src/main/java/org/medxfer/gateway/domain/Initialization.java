package org.medxfer.gateway.domain;

/**
 * A model's starting weights.
 *
 * @param kind the kind; null when it was not given (a validation problem)
 * @param weights weights registry entry for pretrained kinds; empty picks the architecture's
 *     default
 * @param upToBlock for {@link InitKind#PARTIAL}: the last pretrained block (0 when not given)
 * @param sourceTrial for {@link InitKind#CHECKPOINT}: {@code studies/{study}/trials/{trial}}
 */
public record Initialization(InitKind kind, String weights, int upToBlock, String sourceTrial) {

  public Initialization {
    weights = weights == null ? "" : weights;
    sourceTrial = sourceTrial == null ? "" : sourceTrial;
  }

  /** An initialisation without parameters. */
  public static Initialization of(InitKind kind) {
    return new Initialization(kind, "", 0, "");
  }

  /** A short readable form, for example {@code imagenet} or {@code partial_b3}. */
  public String label() {
    StringBuilder label = new StringBuilder(kind == null ? "unset" : kind.fileName());
    if (upToBlock > 0) {
      label.append("_b").append(upToBlock);
    }
    if (!weights.isEmpty()) {
      label.append('@').append(weights);
    }
    if (!sourceTrial.isEmpty()) {
      label.append('@').append(sourceTrial.substring(sourceTrial.lastIndexOf('/') + 1));
    }
    return label.toString();
  }
}
