package org.medxfer.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Creates a bucket with one request signed by AWS Signature Version 4. The stack needs only this
 * call, so it does not pull a full S3 client (and its HTTP stack) into every JVM that uses the
 * library.
 */
final class S3BucketClient {
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final URI endpoint;
  private final String region;
  private final String accessKey;
  private final String secretKey;

  S3BucketClient(String endpoint, String region, String accessKey, String secretKey) {
    this.endpoint = URI.create(endpoint);
    this.region = region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Creates {@code bucket} unless this identity owns it already.
   *
   * @throws IOException on a refused signature or any other error answer
   */
  void createBucketIfMissing(String bucket) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(signedPut("/" + bucket), HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    boolean alreadyOurs = status == 409 && response.body().contains("BucketAlreadyOwnedByYou");
    if (status != 200 && !alreadyOurs) {
      throw new IOException("PUT /" + bucket + " answered " + status + ": " + response.body());
    }
  }

  /**
   * Stores {@code content} at {@code key} in {@code bucket}, replacing any object there.
   *
   * @throws IOException on a refused signature or any other error answer
   */
  void putObject(String bucket, String key, byte[] content)
      throws IOException, InterruptedException {
    String path = "/" + bucket + "/" + key;
    HttpResponse<String> response =
        HTTP.send(signedPut(path, content), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "PUT " + path + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private HttpRequest signedPut(String path) {
    return signedPut(path, new byte[0]);
  }

  private HttpRequest signedPut(String path, byte[] content) {
    String payloadSha256 = content.length == 0 ? EMPTY_SHA256 : sha256Hex(content);
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    String amzDate = AMZ_DATE.format(now);
    String day = DAY.format(now);
    String host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
    String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
    String canonicalRequest =
        String.join(
            "\n",
            "PUT",
            path,
            "",
            "host:" + host,
            "x-amz-content-sha256:" + payloadSha256,
            "x-amz-date:" + amzDate,
            "",
            signedHeaders,
            payloadSha256);
    String scope = day + "/" + region + "/s3/aws4_request";
    String stringToSign =
        String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
    return HttpRequest.newBuilder(endpoint.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("x-amz-content-sha256", payloadSha256)
        .header("x-amz-date", amzDate)
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + accessKey
                + "/"
                + scope
                + ", SignedHeaders="
                + signedHeaders
                + ", Signature="
                + signature)
        .PUT(
            content.length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(content))
        .build();
  }

  private static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
