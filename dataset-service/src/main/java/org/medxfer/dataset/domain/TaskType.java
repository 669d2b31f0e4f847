package org.medxfer.dataset.domain;

/** The kind of prediction a data set's labels ask for; it decides the loss and the metrics. */
public enum TaskType {
  BINARY,
  MULTI_CLASS,
  MULTI_LABEL,
  ORDINAL
}
