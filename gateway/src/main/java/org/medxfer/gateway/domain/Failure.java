package org.medxfer.gateway.domain;

/**
 * Why a trial or study ended without a result.
 *
 * @param code a {@code google.rpc.Code} number
 * @param reason a machine-readable reason, for example {@code DIVERGED}; empty when unknown
 * @param message a human-readable explanation
 */
public record Failure(int code, String reason, String message) {

  /** {@code google.rpc.Code.UNKNOWN}: the code of failures the gateway itself declares. */
  public static final int UNKNOWN = 2;

  /** {@code google.rpc.Code.DEADLINE_EXCEEDED}: an attempt ran past its timeout. */
  public static final int DEADLINE_EXCEEDED = 4;

  public Failure {
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
  }
}
