package org.medxfer.evaluator.domain;

import java.util.regex.Pattern;

/**
 * The ids inside resource names ({@code {study}} and {@code {trial}}): 1 to 128 letters, digits,
 * {@code .}, {@code _} and {@code -}, starting with a letter or digit. Anything wider could not be
 * a single name segment.
 */
final class ResourceIds {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private ResourceIds() {}

  static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
