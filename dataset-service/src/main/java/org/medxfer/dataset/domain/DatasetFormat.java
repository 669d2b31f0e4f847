package org.medxfer.dataset.domain;

/** File formats an import accepts. */
public enum DatasetFormat {
  /** A MedMNIST-layout {@code .npz}: train/val/test images and labels as uint8 arrays. */
  MEDMNIST_NPZ,
  /** A ZIP of PNG or JPEG images with a {@code labels.csv}. */
  IMAGE_FOLDER,
  /** A ZIP of single-frame DICOM files with a {@code labels.csv}. */
  DICOM;

  /** Whether the file is a ZIP of images described by a label CSV. */
  public boolean isArchive() {
    return this != MEDMNIST_NPZ;
  }
}
