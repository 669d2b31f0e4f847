package org.medxfer.cli.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.medxfer.localstack.LocalStack;

/**
 * The bearer token the CLI sends with every call to the gateway: {@code MEDXFER_TOKEN} when set (a
 * token of a platform's identity provider), else the one the local stack wrote at its last start.
 */
public final class UserToken {

  /** The environment variable that holds a token; it wins over the local stack's. */
  public static final String ENV = "MEDXFER_TOKEN";

  private UserToken() {}

  /**
   * The token to send.
   *
   * @param environment the process environment ({@link System#getenv()})
   * @param stateDir the local stack's state folder, whose token file is read when {@link #ENV} is
   *     not set
   * @throws IllegalStateException when neither holds a token; the message says how to get one
   */
  public static String resolve(Map<String, String> environment, Path stateDir) {
    String fromEnvironment = environment.get(ENV);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    Path file = LocalStack.tokenFile(stateDir);
    try {
      String fromFile = Files.readString(file).strip();
      if (!fromFile.isEmpty()) {
        return fromFile;
      }
    } catch (NoSuchFileException e) {
      // Explained below, with the other way to get a token.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the local stack's token " + file, e);
    }
    throw new IllegalStateException(
        "no token to call medxfer with: set "
            + ENV
            + " to a token of your medxfer installation, or start the local stack (./medxfer up),"
            + " which writes one to "
            + file);
  }
}
