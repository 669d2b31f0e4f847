package org.medxfer.dataset.domain;

import java.util.List;

/**
 * What a reader of results needs to know about a data set.
 *
 * @param taskType null when the request left it unset (validation rejects that)
 * @param classNames class names in label order
 */
public record DatasetCard(
    String modality, TaskType taskType, List<String> classNames, String license, String source) {

  public DatasetCard {
    modality = modality == null ? "" : modality;
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
    license = license == null ? "" : license;
    source = source == null ? "" : source;
  }
}
