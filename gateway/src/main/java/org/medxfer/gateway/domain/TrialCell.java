package org.medxfer.gateway.domain;

/**
 * One cell of a study's cross product: the factors that make a trial different from its siblings.
 *
 * @param ordinal position in cell order (0-based), stable for a given study definition
 * @param dataset data set id
 * @param architecture architecture id
 * @param init starting weights
 * @param adaptation which weights train
 * @param labelFraction fraction of the training split used
 * @param resolution input side length in pixels
 * @param seed seed of initialisation, shuffling and subsampling
 */
public record TrialCell(
    int ordinal,
    String dataset,
    String architecture,
    Initialization init,
    Adaptation adaptation,
    double labelFraction,
    int resolution,
    long seed) {

  /**
   * A readable summary, for example {@code breastmnist/mobilenet_v1_025/imagenet/full/f1.0/r64/s0}.
   */
  public String displayName() {
    return String.join(
        "/",
        dataset,
        architecture,
        init.label(),
        adaptation.label(),
        "f" + labelFraction,
        "r" + resolution,
        "s" + seed);
  }

  /**
   * The trial id: a readable slug of the display name and a hash of every factor, so that the same
   * cell always gets the same id and two cells of a study never share one.
   */
  public String id() {
    return ResourceNames.derivedId(displayName(), canonicalKey());
  }

  // Every factor, spelled out without the display name's abbreviations.
  private String canonicalKey() {
    return String.join(
        "|",
        dataset,
        architecture,
        String.valueOf(init.kind()),
        init.weights(),
        String.valueOf(init.upToBlock()),
        init.sourceTrial(),
        String.valueOf(adaptation.kind()),
        // LP-FT's phase length joined the key later; left out when unset so older ids stay.
        adaptation.linearProbeEpochs() > 0
            ? adaptation.upToBlock() + ":" + adaptation.linearProbeEpochs()
            : String.valueOf(adaptation.upToBlock()),
        Double.toString(labelFraction),
        Integer.toString(resolution),
        Long.toString(seed));
  }
}
