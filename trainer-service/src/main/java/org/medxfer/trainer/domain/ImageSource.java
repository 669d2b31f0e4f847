package org.medxfer.trainer.domain;

import java.io.IOException;

/** Supplies a trial's images; the service reads them from the object store, tests from files. */
@FunctionalInterface
public interface ImageSource {

  /** Loads one split in full. */
  ImageSet load(DataSplit split) throws IOException;
}
