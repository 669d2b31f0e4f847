package org.medxfer.dataset.domain.dicom;

import java.util.List;

/**
 * What the parser found on its way to PixelData.
 *
 * @param nativePixelData the bytes of a native PixelData value, as many as the file holds (fewer
 *     than declared when it is truncated); null for an encapsulated syntax
 * @param fragments the fragments of an encapsulated PixelData, offset table excluded; empty for a
 *     native syntax
 */
record ParsedDicom(
    TransferSyntax syntax,
    DicomAttributes attributes,
    byte[] nativePixelData,
    List<byte[]> fragments) {}
