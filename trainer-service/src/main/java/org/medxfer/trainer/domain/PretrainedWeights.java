package org.medxfer.trainer.domain;

/**
 * One registered pretrained weight file. The trainer refuses a file whose sha256 differs, so a
 * trial's "ImageNet" arm always means these exact bytes.
 *
 * @param name registry key, for example {@code mobilenet_v1_025_imagenet}
 * @param architecture the architecture the file initialises
 * @param file file name inside the weights directory
 * @param sha256 lower-case hex digest of the file
 * @param source where the bytes came from
 * @param licence the licence the weights are used under
 */
public record PretrainedWeights(
    String name,
    Architecture architecture,
    String file,
    String sha256,
    String source,
    String licence) {}
