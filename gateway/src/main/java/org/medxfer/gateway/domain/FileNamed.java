package org.medxfer.gateway.domain;

import java.util.Arrays;
import java.util.Optional;

/** A setting whose study-file spelling differs from its Java name. */
public interface FileNamed {

  /** The name a study file uses. */
  String fileName();

  /** The value of {@code values} a study file names, if any. */
  static <E extends FileNamed> Optional<E> find(E[] values, String name) {
    return Arrays.stream(values).filter(value -> value.fileName().equals(name)).findFirst();
  }

  /** The study-file names of {@code values}, for error messages. */
  static String list(FileNamed[] values) {
    return String.join(", ", Arrays.stream(values).map(FileNamed::fileName).toList());
  }
}
