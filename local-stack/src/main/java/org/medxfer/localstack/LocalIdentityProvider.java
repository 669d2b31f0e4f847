package org.medxfer.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.medxfer.common.grpc.BearerTokens;
import org.medxfer.common.grpc.ServerAuthentication;

/**
 * The local stack's stand-in for an identity provider: an RSA key pair, new at every start, whose
 * public half the gateway verifies users' tokens with, and the token the CLI sends. The pair and
 * the token live in {@code <stateDir>/auth} (mode 700; the private key and the token mode 600), so
 * a later JVM, such as the CLI, can read the token or issue another one. A new start makes every
 * earlier token invalid.
 */
final class LocalIdentityProvider {

  /** The subject of the token written at start-up. */
  static final String SUBJECT = "local-user";

  /** How long tokens of the local stack are valid: longer than any stack runs. */
  static final Duration TOKEN_LIFETIME = Duration.ofDays(30);

  private final StackLayout layout;

  LocalIdentityProvider(StackLayout layout) {
    this.layout = layout;
  }

  /**
   * Writes {@code user} as this stack's key pair and a token of {@link #SUBJECT} for project {@link
   * ServerAuthentication#LOCAL_PROJECT}, replacing those of an earlier start.
   */
  void install(KeyPair user) {
    try {
      PrivateFiles.createDirectories(layout.authDir());
      PrivateFiles.write(
          layout.userPrivateKeyFile(),
          pem("PRIVATE KEY", user.getPrivate()).getBytes(StandardCharsets.UTF_8));
      Files.writeString(layout.userPublicKeyFile(), pem("PUBLIC KEY", user.getPublic()));
      PrivateFiles.write(
          layout.tokenFile(),
          (issue(user.getPrivate(), SUBJECT, ServerAuthentication.LOCAL_PROJECT) + "\n")
              .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the local stack's keys to " + layout.authDir(), e);
    }
  }

  /** The token written at start-up, for project {@link ServerAuthentication#LOCAL_PROJECT}. */
  String userToken() {
    return read(layout.tokenFile()).strip();
  }

  /** A new token of {@code subject} for {@code project}, valid for {@link #TOKEN_LIFETIME}. */
  String issueToken(String subject, String project) {
    if (subject.isBlank() || project.isBlank()) {
      throw new IllegalArgumentException("a token needs a subject and a project");
    }
    return issue(BearerTokens.privateKey(read(layout.userPrivateKeyFile())), subject, project);
  }

  /** The public key the gateway verifies users' tokens with (PEM). */
  String userPublicKey() {
    return read(layout.userPublicKeyFile());
  }

  private static String issue(PrivateKey key, String subject, String project) {
    return BearerTokens.issue(key, subject, project, Instant.now().plus(TOKEN_LIFETIME));
  }

  private String read(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new LocalStackException(
          file + " does not exist: no stack was started from " + layout.stateDir(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String pem(String type, Key key) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END "
        + type
        + "-----\n";
  }
}
