package org.medxfer.common.models;

import java.util.List;

/**
 * What a study, the gateway and the CLI may know about an architecture without building it. The
 * trainer's networks are checked against these entries by a test, so the two cannot drift.
 *
 * @param id wire id, for example {@code resnet18}
 * @param family the paper family, for example {@code ResNet}
 * @param description one line for {@code medxfer models}
 * @param minimumResolution smallest square input, in pixels, the backbone can process
 * @param blocks the backbone's block names, input to output; "freeze up to block k" and "pretrained
 *     up to block k" count in this list, from 1
 * @param imageNetParameters trainable parameters in the ImageNet configuration (224 px, 1,000
 *     classes), for listings; the head of a trial has its own class count, and VGG's {@code fc1}
 *     grows with the resolution
 */
public record ArchitectureInfo(
    String id,
    String family,
    String description,
    int minimumResolution,
    List<String> blocks,
    long imageNetParameters) {

  public ArchitectureInfo {
    blocks = List.copyOf(blocks);
  }

  /** Whether {@code resolution} is large enough for this architecture. */
  public boolean accepts(int resolution) {
    return resolution >= minimumResolution;
  }
}
