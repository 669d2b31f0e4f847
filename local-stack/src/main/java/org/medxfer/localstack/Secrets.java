package org.medxfer.localstack;

import java.security.SecureRandom;

/** Random credentials, new for every start. */
final class Secrets {
  // Letters and digits only: the values go into SQL literals and properties files unescaped.
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  static String random(int length) {
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return value.toString();
  }
}
