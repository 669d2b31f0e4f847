package org.medxfer.localstack;

import java.security.KeyPair;
import org.medxfer.common.grpc.BearerTokens;

/**
 * The keys one start of the stack gives its services, all new at every start, as Base64 DER (the
 * form the services read). The gateway verifies users' tokens with {@code userPublicKey}, the
 * public half of the local identity provider's pair, and signs the platform's own tokens with
 * {@code internalPrivateKey}; dataset-service, evaluator-service and trainer-service verify those
 * with {@code internalPublicKey}. {@link #toString()} leaves the private key out.
 *
 * @param userPublicKey verifies users' tokens (X.509)
 * @param internalPublicKey verifies the platform's tokens between its services (X.509)
 * @param internalPrivateKey signs the platform's tokens between its services (PKCS#8)
 */
public record PlatformKeys(
    String userPublicKey, String internalPublicKey, String internalPrivateKey) {

  /** The keys the services get from the identity provider's pair and the internal pair. */
  public static PlatformKeys of(KeyPair user, KeyPair internal) {
    return new PlatformKeys(
        BearerTokens.encode(user.getPublic()),
        BearerTokens.encode(internal.getPublic()),
        BearerTokens.encode(internal.getPrivate()));
  }

  @Override
  public String toString() {
    return "PlatformKeys[userPublicKey="
        + userPublicKey
        + ", internalPublicKey="
        + internalPublicKey
        + ", internalPrivateKey hidden]";
  }
}
