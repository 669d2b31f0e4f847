package org.medxfer.trainer.infra.tf;

/**
 * Where one weight of a Keras layer goes in the graph.
 *
 * @param layer the Keras layer name, as listed in the file's {@code layer_names}
 * @param index position in the layer's {@code weight_names} (Keras keeps kernel before bias, and
 *     gamma, beta, moving mean, moving variance for batch norm)
 * @param nameSuffix the stored weight name must end with this, a guard against a file whose weights
 *     are in another order
 * @param variable the graph variable that receives the values
 */
record KerasWeightBinding(String layer, int index, String nameSuffix, String variable) {}
