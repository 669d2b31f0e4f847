package org.medxfer.common.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the code this build was made from: the project version, the abbreviated commit and
 * whether the checkout had uncommitted changes, for example {@code 0.1.0-SNAPSHOT+g398f55437063} or
 * {@code 0.1.0-SNAPSHOT+g398f55437063.dirty} (SemVer build metadata). A build outside a git
 * checkout (a source tarball) is {@code 0.1.0-SNAPSHOT+unknown}.
 *
 * <p>Maven writes {@code medxfer/code-version.properties} into this module when it builds it (see
 * common's pom), so every module that depends on common reports the same version, read from its
 * classpath rather than from whatever directory it runs in.
 */
public final class CodeVersion {

  /** Where the build writes the version, on the classpath. */
  static final String RESOURCE = "/medxfer/code-version.properties";

  /** What a build without the resource, or without a version in it, is. */
  public static final String UNKNOWN = "unknown";

  private static final String CURRENT = of(load());

  private CodeVersion() {}

  /** The version of the code running now. */
  public static String current() {
    return CURRENT;
  }

  /**
   * The version {@code properties} describe ({@code version}, {@code commit}, {@code dirty});
   * {@code null} (no resource) gives {@link #UNKNOWN}. A value Maven did not fill in is still its
   * {@code ${...}} placeholder and counts as absent.
   */
  static String of(Properties properties) {
    if (properties == null) {
      return UNKNOWN;
    }
    String version = value(properties, "version");
    if (version == null) {
      return UNKNOWN;
    }
    String commit = value(properties, "commit");
    if (commit == null) {
      return version + "+" + UNKNOWN;
    }
    boolean dirty = "true".equals(value(properties, "dirty"));
    return version + "+g" + commit + (dirty ? ".dirty" : "");
  }

  private static String value(Properties properties, String key) {
    String value = properties.getProperty(key, "").strip();
    return value.isEmpty() || value.startsWith("${") ? null : value;
  }

  private static Properties load() {
    try (InputStream in = CodeVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
  }
}
