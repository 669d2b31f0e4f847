package org.medxfer.common.objectstore;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The object store (MinIO in a cluster, any S3-compatible server locally) seen through the MinIO
 * Java client, limited to one bucket. Keys are validated so that no caller can address outside the
 * prefixes it builds.
 */
public final class ObjectStore {

  // Parts of 16 MiB keep memory bounded when the size of a stream is unknown.
  private static final long PART_SIZE = 16L * 1024 * 1024;
  private static final Set<String> NOT_FOUND_CODES =
      Set.of("NoSuchKey", "NoSuchBucket", "NotFound");

  private final MinioClient client;
  private final String bucket;

  public ObjectStore(ObjectStoreSettings settings) {
    this.client =
        MinioClient.builder()
            .endpoint(settings.endpoint())
            .credentials(settings.accessKey(), settings.secretKey())
            .build();
    this.bucket = settings.bucket();
  }

  /** The bucket every key lives in. */
  public String bucket() {
    return bucket;
  }

  /** Creates the bucket when it does not exist yet. */
  public void ensureBucket() {
    call(
        "create bucket " + bucket,
        () -> {
          if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
          }
          return null;
        });
  }

  /** Stores {@code bytes} at {@code key}, replacing what was there. */
  public void put(String key, byte[] bytes, String contentType) {
    put(key, new ByteArrayInputStream(bytes), bytes.length, contentType);
  }

  /**
   * Stores a stream at {@code key}.
   *
   * @param size the stream's length, or -1 when unknown (then it is uploaded in parts)
   */
  public void put(String key, InputStream data, long size, String contentType) {
    String checked = checkKey(key);
    call(
        "put " + checked,
        () ->
            client.putObject(
                PutObjectArgs.builder().bucket(bucket).object(checked).stream(
                        data, size < 0 ? null : size, size < 0 ? PART_SIZE : null)
                    .contentType(contentType)
                    .build()));
  }

  /** Opens the object at {@code key}; the caller closes the stream. */
  public InputStream open(String key) {
    String checked = checkKey(key);
    return call(
        "get " + checked,
        () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(checked).build()));
  }

  /** Reads the whole object at {@code key}. */
  public byte[] get(String key) {
    try (InputStream in = open(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading object " + key, e);
    }
  }

  /** The object's size, or empty when there is no object at {@code key}. */
  public Optional<Long> size(String key) {
    String checked = checkKey(key);
    try {
      return Optional.of(
          call(
              "stat " + checked,
              () ->
                  client
                      .statObject(StatObjectArgs.builder().bucket(bucket).object(checked).build())
                      .size()));
    } catch (ObjectStoreException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Keys under {@code prefix}, recursively. */
  public List<String> list(String prefix) {
    String checked = checkKey(prefix);
    return call(
        "list " + checked,
        () -> {
          List<String> keys = new ArrayList<>();
          for (Result<Item> result :
              client.listObjects(
                  ListObjectsArgs.builder()
                      .bucket(bucket)
                      .prefix(checked)
                      .recursive(true)
                      .build())) {
            keys.add(result.get().objectName());
          }
          return keys;
        });
  }

  /** Removes the object at {@code key}; removing a missing key is not an error. */
  public void remove(String key) {
    String checked = checkKey(key);
    call(
        "remove " + checked,
        () -> {
          client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(checked).build());
          return null;
        });
  }

  /**
   * Refuses keys that could escape their prefix or confuse S3 path handling: empty segments, {@code
   * .} and {@code ..} segments, a leading slash, backslashes and control characters.
   */
  public static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.length() > 1024) {
      throw new IllegalArgumentException("object key must have 1 to 1024 characters");
    }
    if (key.startsWith("/") || key.contains("\\") || key.contains("//")) {
      throw new IllegalArgumentException("object key '" + key + "' is not a plain relative key");
    }
    for (String segment : key.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("object key '" + key + "' escapes its prefix");
      }
    }
    for (int i = 0; i < key.length(); i++) {
      if (Character.isISOControl(key.charAt(i))) {
        throw new IllegalArgumentException("object key contains a control character");
      }
    }
    return key;
  }

  private interface MinioCall<T> {
    T run() throws MinioException;
  }

  private static <T> T call(String what, MinioCall<T> call) {
    try {
      return call.run();
    } catch (ErrorResponseException e) {
      String code = e.errorResponse() == null ? "" : e.errorResponse().code();
      throw new ObjectStoreException(
          "object store: " + what + " failed: " + code, NOT_FOUND_CODES.contains(code), e);
    } catch (MinioException e) {
      throw new ObjectStoreException(
          "object store: " + what + " failed: " + e.getMessage(), false, e);
    }
  }
}
