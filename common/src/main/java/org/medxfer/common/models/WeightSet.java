package org.medxfer.common.models;

/**
 * One registered pretrained weight file. Trainers refuse a file whose sha256 differs, so a trial's
 * "ImageNet" arm always means these exact bytes.
 *
 * @param name registry key, for example {@code mobilenet_v1_025_imagenet}
 * @param architecture id of the architecture the file initialises
 * @param file file name (Keras {@code .h5}) in the weights store
 * @param sha256 lower-case hex digest of the file
 * @param source where the bytes came from
 * @param licence the licence the weights are used under
 */
public record WeightSet(
    String name, String architecture, String file, String sha256, String source, String licence) {}
