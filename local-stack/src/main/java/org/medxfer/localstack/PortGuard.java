package org.medxfer.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks, before anything starts, that every port the stack needs is free on 127.0.0.1. */
final class PortGuard {
  private PortGuard() {}

  /**
   * Tries to bind each port; the stack never falls back to another port, because clients are told
   * the configured ones.
   *
   * @throws PortsInUseException listing every taken port and its role
   */
  static void requireFree(Map<String, Integer> portsByRole) {
    Map<String, Integer> taken = new LinkedHashMap<>();
    portsByRole.forEach(
        (role, port) -> {
          if (!isFree(port)) {
            taken.put(role, port);
          }
        });
    if (!taken.isEmpty()) {
      throw new PortsInUseException(taken);
    }
  }

  static boolean isFree(int port) {
    // SO_REUSEADDR as the servers themselves set it: a port in TIME_WAIT is usable, a listener is
    // not.
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
