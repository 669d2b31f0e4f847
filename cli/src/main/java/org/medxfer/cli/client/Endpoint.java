package org.medxfer.cli.client;

/** A gRPC server address. */
public record Endpoint(String host, int port) {

  /** Parses {@code host:port}. */
  public static Endpoint parse(String text, String what) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(what + " must be host:port, got '" + text + "'");
    }
    try {
      return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " has a bad port: '" + text + "'", e);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
