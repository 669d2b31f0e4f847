package org.medxfer.dataset.domain.dicom;

/**
 * How the stored pixel values are laid out, read from the image pixel module and checked against
 * what the reader supports.
 */
record PixelGeometry(
    int rows,
    int columns,
    int samples,
    int bitsAllocated,
    int bitsStored,
    boolean signed,
    boolean planar,
    String photometric) {

  static PixelGeometry from(String fileName, DicomAttributes attributes) {
    int rows = attributes.requiredUint16(DicomAttributes.ROWS);
    int columns = attributes.requiredUint16(DicomAttributes.COLUMNS);
    int bitsAllocated = attributes.requiredUint16(DicomAttributes.BITS_ALLOCATED);
    int samples = attributes.uint16(DicomAttributes.SAMPLES_PER_PIXEL, 1);
    int bitsStored = attributes.uint16(DicomAttributes.BITS_STORED, bitsAllocated);
    boolean signed = attributes.uint16(DicomAttributes.PIXEL_REPRESENTATION, 0) == 1;
    boolean planar = attributes.uint16(DicomAttributes.PLANAR_CONFIGURATION, 0) == 1;
    String photometric = attributes.string(DicomAttributes.PHOTOMETRIC_INTERPRETATION);
    if (photometric.isEmpty()) {
      throw new DicomFormatException(
          fileName, "missing required tag PhotometricInterpretation (0028,0004)");
    }
    if (rows == 0 || columns == 0) {
      throw new DicomFormatException(fileName, "image has " + rows + "x" + columns + " pixels");
    }
    if (bitsAllocated != 8 && bitsAllocated != 16) {
      throw unsupported(fileName, "BitsAllocated " + bitsAllocated + " (supported: 8, 16)");
    }
    if (bitsStored < 1 || bitsStored > bitsAllocated) {
      throw new DicomFormatException(
          fileName, "BitsStored " + bitsStored + " does not fit BitsAllocated " + bitsAllocated);
    }
    boolean grey = photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2");
    if (!(samples == 1 && grey) && !(samples == 3 && photometric.equals("RGB"))) {
      throw unsupported(
          fileName,
          "PhotometricInterpretation "
              + photometric
              + " with SamplesPerPixel "
              + samples
              + " (supported: MONOCHROME1 or MONOCHROME2 with 1, RGB with 3)");
    }
    if (samples == 3 && bitsAllocated != 8) {
      throw unsupported(fileName, "RGB with BitsAllocated " + bitsAllocated + " (supported: 8)");
    }
    String frames = attributes.string(DicomAttributes.NUMBER_OF_FRAMES);
    if (!frames.isEmpty() && !frames.equals("1")) {
      throw unsupported(fileName, "NumberOfFrames " + frames + " (supported: single-frame)");
    }
    return new PixelGeometry(
        rows, columns, samples, bitsAllocated, bitsStored, signed, planar, photometric);
  }

  private static DicomFormatException unsupported(String fileName, String what) {
    return new DicomFormatException(fileName, "unsupported " + what);
  }

  int pixels() {
    return rows * columns;
  }

  int bytesPerSample() {
    return bitsAllocated / 8;
  }

  long expectedBytes() {
    return (long) pixels() * samples * bytesPerSample();
  }

  boolean inverted() {
    return photometric.equals("MONOCHROME1");
  }
}
