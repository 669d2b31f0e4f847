package org.medxfer.gateway.domain;

/** The kind of prediction a data set's labels ask for. */
public enum TaskType {
  /** Two classes. */
  BINARY,
  /** One of more than two classes. */
  MULTI_CLASS,
  /** Any subset of the classes. */
  MULTI_LABEL,
  /** Ordered grades. */
  ORDINAL
}
