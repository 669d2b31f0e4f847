package org.medxfer.dataset.domain.dicom;

/**
 * A display window over modality values (after rescale): {@code center - width/2} maps to 0 and
 * {@code center + width/2} to 255, linearly in between. This is the plain linear mapping rather
 * than the standard's half-pixel-offset formula, so that the window's bounds land exactly on 0 and
 * 255.
 */
public record Window(double center, double width) {

  public Window {
    if (!(width > 0) || !Double.isFinite(center) || !Double.isFinite(width)) {
      throw new IllegalArgumentException(
          "window width must be positive and finite, got center " + center + " width " + width);
    }
  }

  /** The window spanning {@code [low, high]}; a flat range gets width 1 so it stays defined. */
  static Window spanning(double low, double high) {
    double width = high > low ? high - low : 1;
    return new Window(low + width / 2, width);
  }

  public double lower() {
    return center - width / 2;
  }

  public double upper() {
    return center + width / 2;
  }

  /** The uint8 value for a modality value, clamped to the window. */
  public int toUint8(double value) {
    double scaled = (value - lower()) / width * 255.0;
    return (int) Math.round(Math.max(0, Math.min(255, scaled)));
  }
}
