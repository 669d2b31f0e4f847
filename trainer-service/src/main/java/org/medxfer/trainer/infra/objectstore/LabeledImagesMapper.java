package org.medxfer.trainer.infra.objectstore;

import org.medxfer.common.images.LabeledImages;
import org.medxfer.trainer.domain.ImageSet;

/** Shared image blocks (medxfer-common) to the trainer's domain type; the arrays are shared. */
public final class LabeledImagesMapper {

  private LabeledImagesMapper() {}

  public static ImageSet toImageSet(LabeledImages images) {
    return new ImageSet(
        images.count(),
        images.height(),
        images.width(),
        images.channels(),
        images.pixels(),
        images.labels());
  }
}
