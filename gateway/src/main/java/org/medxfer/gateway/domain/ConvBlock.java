package org.medxfer.gateway.domain;

/**
 * One block of a custom CNN: {@code convs} convolutions (each optionally with batch norm) and ReLU,
 * then a pool.
 *
 * @param filters output channels of each convolution
 * @param kernelSize square kernel side
 * @param convs convolutions in the block
 * @param batchNorm batch norm after each convolution
 * @param pool pooling at the end of the block
 */
public record ConvBlock(int filters, int kernelSize, int convs, boolean batchNorm, PoolKind pool) {}
