package org.medxfer.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.medxfer.localstack.LocalStack;
import org.medxfer.localstack.PortsInUseException;
import org.medxfer.localstack.RunningStack;
import org.medxfer.localstack.StackOptions;
import org.medxfer.localstack.StackPorts;

/**
 * The real infrastructure (a Kafka broker, an S3 server, PostgreSQL) started by the project's local
 * stack, without any service: the service under test is the test's own Quarkus app, pointed at it.
 *
 * <p>Each module gives its own block of eight ports with the {@code port-base} argument, so that
 * modules' tests and a developer's stack can run at the same time:
 *
 * <pre>
 * &#64;QuarkusTestResource(value = LocalInfraResource.class,
 *     initArgs = &#64;ResourceArg(name = LocalInfraResource.PORT_BASE, value = "28110"),
 *     restrictToAnnotatedClass = true)
 * </pre>
 *
 * The module must list {@code org.medxfer:medxfer-local-stack} in {@code
 * quarkus.class-loading.parent-first-artifacts}, so the stack's classes live in one class loader.
 */
public class LocalInfraResource implements QuarkusTestResourceLifecycleManager {

  /** The init argument naming the first of the eight ports. */
  public static final String PORT_BASE = "port-base";

  private int portBase;
  private Path stateDir;
  private RunningStack stack;

  // When a module's block is taken (a stack of an earlier run still stopping), the next blocks are
  // tried before giving up.
  private static final int BLOCKS_TRIED = 5;

  @Override
  public void init(Map<String, String> initArgs) {
    String base = initArgs.get(PORT_BASE);
    portBase = base != null ? Integer.parseInt(base) : defaultPortBase();
  }

  /** The port block when the test gives no {@code port-base}; subclasses choose their own. */
  protected int defaultPortBase() {
    throw new IllegalArgumentException(
        getClass().getSimpleName() + " needs the init argument '" + PORT_BASE + "'");
  }

  @Override
  public Map<String, String> start() {
    try {
      stateDir = Files.createTempDirectory("medxfer-test-stack-" + portBase + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The stack's Kafka admin client loads classes through the context class loader, which must be
    // the loader of the stack itself, not Quarkus's.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(LocalStack.class.getClassLoader());
    try {
      stack = startOnFreeBlock();
    } finally {
      thread.setContextClassLoader(previous);
    }
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
    config.put("quarkus.datasource.jdbc.url", stack.jdbcUrl());
    config.put("quarkus.datasource.username", stack.databaseUser());
    config.put("quarkus.datasource.password", stack.databasePassword());
    config.put("medxfer.object-store.endpoint", stack.s3Endpoint());
    config.put("medxfer.object-store.access-key", stack.s3AccessKey());
    config.put("medxfer.object-store.secret-key", stack.s3SecretKey());
    config.put("medxfer.object-store.bucket", stack.bucket());
    config.putAll(extraConfig(stack));
    return config;
  }

  private RunningStack startOnFreeBlock() {
    PortsInUseException lastConflict = null;
    for (int block = 0; block < BLOCKS_TRIED; block++) {
      try {
        return LocalStack.start(
            StackOptions.builder(repositoryRoot())
                .stateDir(stateDir.resolve("block-" + block))
                .ports(StackPorts.fromBase(portBase + block * StackPorts.COUNT))
                .infrastructureOnly()
                .progress(line -> System.out.println("[local-stack] " + line))
                .build());
      } catch (PortsInUseException e) {
        lastConflict = e;
      }
    }
    throw lastConflict;
  }

  /** More configuration for the app under test, computed once the stack runs. */
  protected Map<String, String> extraConfig(RunningStack stack) {
    return Map.of();
  }

  @Override
  public void stop() {
    if (stack != null) {
      stack.close();
    }
    if (stateDir != null) {
      // Logs and database files of a test stack are of no use once it is stopped (~50 MB).
      try (Stream<Path> paths = Files.walk(stateDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Module tests run in the module's folder; the repository root is its parent. */
  private static Path repositoryRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }
}
