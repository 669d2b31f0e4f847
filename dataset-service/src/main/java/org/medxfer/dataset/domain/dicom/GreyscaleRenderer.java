package org.medxfer.dataset.domain.dicom;

import java.util.Optional;

/** Turns grey stored values into uint8: modality rescale, window, MONOCHROME1 inversion. */
final class GreyscaleRenderer {

  private GreyscaleRenderer() {}

  static byte[] render(
      DicomAttributes attributes,
      PixelGeometry geometry,
      int[] stored,
      StoredValueStats stats,
      Optional<Window> requested) {
    double slope = attributes.firstDecimal(DicomAttributes.RESCALE_SLOPE).orElse(1.0);
    double intercept = attributes.firstDecimal(DicomAttributes.RESCALE_INTERCEPT).orElse(0.0);
    Window window =
        requested
            .or(() -> fileWindow(attributes))
            .orElseGet(
                () -> {
                  // The slope may be negative, so either end of the stored range can be the low
                  // one.
                  double a = stats.min() * slope + intercept;
                  double b = stats.max() * slope + intercept;
                  return Window.spanning(Math.min(a, b), Math.max(a, b));
                });
    byte[] out = new byte[stored.length];
    for (int i = 0; i < stored.length; i++) {
      int value = window.toUint8(stored[i] * slope + intercept);
      // MONOCHROME1 shows low values bright; invert so 255 is bright for every image.
      out[i] = (byte) (geometry.inverted() ? 255 - value : value);
    }
    return out;
  }

  // A file window with a non-positive width is unusable; min-max then still gives a viewable image.
  private static Optional<Window> fileWindow(DicomAttributes attributes) {
    Optional<Double> center = attributes.firstDecimal(DicomAttributes.WINDOW_CENTER);
    Optional<Double> width = attributes.firstDecimal(DicomAttributes.WINDOW_WIDTH);
    if (center.isEmpty() || width.isEmpty() || !(width.get() > 0)) {
      return Optional.empty();
    }
    return Optional.of(new Window(center.get(), width.get()));
  }
}
