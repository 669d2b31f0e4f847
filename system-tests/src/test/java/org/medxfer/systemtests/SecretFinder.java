package org.medxfer.systemtests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds secrets in log lines: known secret values, and the shapes of secrets whoever made them. A
 * finding names the source, the line number and what was found, never the secret itself.
 */
final class SecretFinder {

  /**
   * A JWT (a bearer token), a bearer header, a PEM private key, and an RSA private key in Base64
   * PKCS#8 DER (the form {@code medxfer.auth.internal-private-key} also takes), whose header
   * encodes to the same characters for every key of 1024 to 4096 bits.
   */
  private static final Map<String, Pattern> SHAPES = shapes();

  private final Map<String, String> secrets;

  /**
   * @param secrets secret values by what they are ("the S3 secret key")
   */
  SecretFinder(Map<String, String> secrets) {
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      // A short value would match by chance.
      if (secret.getValue() == null || secret.getValue().length() < 8) {
        throw new IllegalArgumentException(secret.getKey() + " is too short to look for");
      }
    }
    this.secrets = Map.copyOf(secrets);
  }

  /** "source:line holds what", for each line that holds a secret value or a secret's shape. */
  List<String> findingsIn(String source, List<String> lines) {
    List<String> findings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      for (Map.Entry<String, String> secret : secrets.entrySet()) {
        if (line.contains(secret.getValue())) {
          findings.add(source + ":" + (i + 1) + " holds " + secret.getKey());
        }
      }
      for (Map.Entry<String, Pattern> shape : SHAPES.entrySet()) {
        if (shape.getValue().matcher(line).find()) {
          findings.add(source + ":" + (i + 1) + " holds " + shape.getKey());
        }
      }
    }
    return findings;
  }

  private static Map<String, Pattern> shapes() {
    Map<String, Pattern> shapes = new LinkedHashMap<>();
    shapes.put(
        "a JWT",
        Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}"));
    shapes.put("a bearer token", Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]{16,}"));
    shapes.put("a PEM private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"));
    shapes.put(
        "a Base64 PKCS#8 RSA private key",
        Pattern.compile("MII[A-Za-z0-9+/]{3}IBADANBgkqhkiG9w0BAQEFAAS"));
    return shapes;
  }
}
