package org.medxfer.trainer.domain;

import java.io.IOException;

/** Supplies a trial's images; the service reads them from the object store, tests from files. */
@FunctionalInterface
public interface ImageSource {

  /** Loads one split in full. */
  ImageSet load(DataSplit split) throws IOException;

  /**
   * Loads one split resampled to {@code size x size} (area averaging when shrinking, bilinear when
   * growing). A source backed by the shard cache computes each variant once and keeps it; this
   * default has no cache and refuses any size but the stored one.
   */
  default ImageSet load(DataSplit split, int size) throws IOException {
    ImageSet images = load(split);
    if (images.height() != size || images.width() != size) {
      throw new UnsupportedOperationException(
          "this image source has no resolution variants; stored size is "
              + images.height()
              + "x"
              + images.width());
    }
    return images;
  }
}
