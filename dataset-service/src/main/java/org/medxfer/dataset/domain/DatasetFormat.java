package org.medxfer.dataset.domain;

/** File formats an import accepts. */
public enum DatasetFormat {
  /** A MedMNIST-layout {@code .npz}: train/val/test images and labels as uint8 arrays. */
  MEDMNIST_NPZ
}
