package org.medxfer.common.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bearer tokens as RS256 JWTs (RFC 7519) carrying {@code sub}, {@code project} and {@code exp}. A
 * platform team issues them with its identity provider (any that signs RS256 and can add a {@code
 * project} claim) or with this class; the services only need the public key. Keys travel as PEM or
 * as the bare Base64 of their DER encoding (X.509 for public, PKCS#8 for private keys).
 *
 * <p>Tokens between the platform's own services carry the audience {@link #INTERNAL_AUDIENCE} and
 * are signed with a key of their own (see {@link ServiceTokens}). An internal service accepts only
 * those; the gateway refuses them, so neither kind of token opens the other door.
 */
public final class BearerTokens {

  /** The claim that names the caller's project. */
  public static final String PROJECT_CLAIM = "project";

  /** The {@code aud} of tokens that one medxfer service sends another. */
  public static final String INTERNAL_AUDIENCE = "medxfer-internal";

  /**
   * What a project may be called: one path segment. Projects name object-store prefixes ({@code
   * uploads/{project}/}), so a {@code /} would let project {@code a} reach into project {@code
   * a/b}'s.
   */
  public static final java.util.regex.Pattern PROJECT_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

  private BearerTokens() {}

  /** A fresh 2048-bit RSA key pair, for the local stack and tests. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  /** The Base64 DER form of a key, which {@link #publicKey} and {@link #privateKey} read back. */
  public static String encode(java.security.Key key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** A public key from PEM or Base64 DER (X.509). */
  public static PublicKey publicKey(String text) {
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(text)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an RSA public key (PEM or Base64 X.509)", e);
    }
  }

  /** A private key from PEM or Base64 DER (PKCS#8). */
  public static PrivateKey privateKey(String text) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(text)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an RSA private key (PEM or Base64 PKCS#8)", e);
    }
  }

  private static byte[] der(String text) {
    String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  /** A token for {@code subject} acting for {@code project}, valid until {@code expiresAt}. */
  public static String issue(PrivateKey key, String subject, String project, Instant expiresAt) {
    return issue(key, subject, project, null, expiresAt);
  }

  /**
   * A token for {@code subject} acting for {@code project} with audience {@code audience} (none
   * when null), valid until {@code expiresAt}.
   */
  public static String issue(
      PrivateKey key, String subject, String project, String audience, Instant expiresAt) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", subject);
    claims.put(PROJECT_CLAIM, project);
    if (audience != null) {
      claims.put("aud", audience);
    }
    claims.put("exp", expiresAt.getEpochSecond());
    try {
      String signingInput =
          URL_ENCODER.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")))
              + "."
              + URL_ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL_ENCODER.encodeToString(signer.sign());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  /**
   * The caller a user's token names, after checking its algorithm (RS256 only: {@code none} and
   * HMAC tokens are refused), signature, expiry and claims. A token meant for the internal services
   * is refused.
   */
  public static Caller verify(PublicKey key, String token, Instant now)
      throws InvalidTokenException {
    return verify(key, token, now, null);
  }

  /**
   * As {@link #verify(PublicKey, String, Instant)}, and the token's {@code aud} (a string or an
   * array of them) must contain {@code audience}; with a null {@code audience} it must not contain
   * {@link #INTERNAL_AUDIENCE}.
   */
  public static Caller verify(PublicKey key, String token, Instant now, String audience)
      throws InvalidTokenException {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidTokenException("the token is not a JWT");
    }
    JsonNode header = json(parts[0], "header");
    if (!"RS256".equals(header.path("alg").asText())) {
      throw new InvalidTokenException("the token is not signed with RS256");
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(URL_DECODER.decode(parts[2]))) {
        throw new InvalidTokenException("the token's signature does not match");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidTokenException("the token's signature does not match");
    }
    JsonNode claims = json(parts[1], "claims");
    if (!claims.path("exp").canConvertToLong()
        || claims.path("exp").asLong() <= now.getEpochSecond()) {
      throw new InvalidTokenException("the token has expired or has no exp claim");
    }
    checkAudience(claims.path("aud"), audience);
    String subject = claims.path("sub").asText("");
    String project = claims.path(PROJECT_CLAIM).asText("");
    if (subject.isBlank() || project.isBlank()) {
      throw new InvalidTokenException("the token lacks a sub or project claim");
    }
    if (!PROJECT_NAME.matcher(project).matches()) {
      throw new InvalidTokenException(
          "the token's project claim is not a project name (letters, digits, '.', '_', '-';"
              + " at most 63)");
    }
    return new Caller(subject, project);
  }

  private static void checkAudience(JsonNode aud, String required) throws InvalidTokenException {
    boolean internal = false;
    boolean matches = false;
    for (JsonNode value : aud.isArray() ? aud : java.util.List.of(aud)) {
      internal |= INTERNAL_AUDIENCE.equals(value.asText());
      matches |= required != null && required.equals(value.asText());
    }
    if (required == null && internal) {
      throw new InvalidTokenException("the token is meant for medxfer's internal services");
    }
    if (required != null && !matches) {
      throw new InvalidTokenException("the token's audience is not " + required);
    }
  }

  private static JsonNode json(String part, String what) throws InvalidTokenException {
    try {
      JsonNode node = JSON.readTree(URL_DECODER.decode(part));
      if (node == null || !node.isObject()) {
        throw new InvalidTokenException("the token's " + what + " is not a JSON object");
      }
      return node;
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new InvalidTokenException("the token's " + what + " is not Base64url JSON");
    }
  }
}
