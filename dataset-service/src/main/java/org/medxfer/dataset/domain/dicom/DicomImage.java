package org.medxfer.dataset.domain.dicom;

/**
 * One decoded DICOM image, ready for import: {@code pixels} holds {@code rows * columns * samples}
 * uint8 values, row-major and channels-last (grey: 1 sample, RGB: 3). Grey images are windowed and
 * MONOCHROME1 is inverted, so 255 is always bright.
 *
 * @param modality (0008,0060), empty when the file has none
 * @param storedValues statistics of the stored values before rescale and windowing
 */
public record DicomImage(
    int rows,
    int columns,
    int samples,
    byte[] pixels,
    String modality,
    String transferSyntaxUid,
    StoredValueStats storedValues) {}
