package org.medxfer.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.medxfer.common.grpc.BearerTokens;

/**
 * Starts a stack: checks everything that can be checked before the first process starts, launches
 * the infrastructure, then the services, each phase in parallel, and records every process in
 * {@code stack.json} the moment it exists. If any component fails, everything already launched is
 * stopped again and the failure names the component and shows the end of its log.
 */
final class StackStarter {
  private final StackOptions options;
  private final StackLayout layout;
  private final Consumer<String> progress;
  private StackState state;
  private boolean aborted;

  StackStarter(StackOptions options) {
    this.options = options;
    this.layout = new StackLayout(options.stateDir());
    Consumer<String> sink = options.progress();
    // Readiness is awaited on several threads; keep their lines whole and in order.
    this.progress =
        line -> {
          synchronized (sink) {
            sink.accept(line);
          }
        };
  }

  RunningStack start() {
    try (StateDirLock lock = StateDirLock.acquire(layout)) {
      refuseLiveStack();
      checkPrerequisites();
      PortGuard.requireFree(portsToCheck());
      // Children run in sessions of their own, so a Ctrl-C during the start does not reach them:
      // if this JVM exits before the start completes, stop what was launched.
      Thread stopOnExit = new Thread(this::abort, "local-stack-stop-on-exit");
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      try {
        return startAll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort();
        throw new LocalStackException("start interrupted; stopped what had been started", e);
      } catch (IOException e) {
        abort();
        throw new LocalStackException("start failed: " + e.getMessage(), e);
      } catch (RuntimeException | Error e) {
        abort();
        throw e;
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException ignored) {
          // The JVM is already exiting; the hook does the clean-up.
        }
      }
    }
  }

  private void refuseLiveStack() {
    StackStateFile.read(layout)
        .ifPresent(
            existing -> {
              if (existing.anyAlive()) {
                String alive =
                    existing.components().stream()
                        .filter(c -> c.process().alive())
                        .map(c -> c.component() + " pid " + c.process().pid())
                        .collect(Collectors.joining(", "));
                throw new StackAlreadyRunningException(
                    "a stack is already running from "
                        + layout.stateDir()
                        + " (started "
                        + existing.createdAt()
                        + (alive.isEmpty() ? "" : "; " + alive)
                        + "); run down first");
              }
              StackStateFile.delete(layout);
              progress.accept("removed the record of an earlier stack that is no longer running");
            });
  }

  private void checkPrerequisites() {
    for (Component service : startedServices()) {
      Path jar = ServiceLauncher.jar(options.repoHome(), service);
      if (!Files.isRegularFile(jar)) {
        throw new LocalStackException(
            service
                + " is not built: "
                + jar
                + " is missing. Build it first (./mvnw -pl "
                + service.id()
                + " -am package -DskipTests), or start without it.");
      }
    }
    InfraClasspath.requireComplete(InfraClasspath.KAFKA);
    InfraClasspath.requireComplete(InfraClasspath.S3PROXY);
    InfraClasspath.requireComplete(InfraClasspath.POSTGRES);
  }

  private Map<String, Integer> portsToCheck() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    options
        .ports()
        .byRole()
        .forEach(
            (role, port) -> {
              boolean unusedService =
                  Component.services().stream()
                      .anyMatch(s -> s.id().equals(role) && !options.services().contains(s));
              if (!unusedService) {
                ports.put(role, port);
              }
            });
    return ports;
  }

  private List<Component> startedServices() {
    return Component.services().stream().filter(options.services()::contains).toList();
  }

  private RunningStack startAll() throws IOException, InterruptedException {
    long startedAt = System.nanoTime();
    Files.createDirectories(layout.logsDir());
    StackPorts ports = options.ports();
    String databasePassword = Secrets.random(24);
    String s3AccessKey = Secrets.random(20);
    String s3SecretKey = Secrets.random(40);
    KeyPair userKeys = BearerTokens.newKeyPair();
    PlatformKeys keys = PlatformKeys.of(userKeys, BearerTokens.newKeyPair());
    new LocalIdentityProvider(layout).install(userKeys);
    StackEndpoints endpoints =
        new StackEndpoints(
            KafkaLauncher.bootstrapServers(ports),
            PostgresLauncher.jdbcUrl(ports),
            PostgresLauncher.USER,
            databasePassword,
            S3ProxyLauncher.endpoint(ports),
            s3AccessKey,
            s3SecretKey,
            options.bucket(),
            Map.of());
    save(
        new StackState(
            StackState.STARTING,
            options.repoHome().toString(),
            layout.stateDir().toString(),
            Instant.now(),
            endpoints,
            List.of()));

    progress.accept("starting kafka, s3 and postgres; state and logs in " + layout.stateDir());
    // PostgreSQL first: on a first run it unpacks its binaries and runs initdb, the longest wait.
    startPhase(
        List.of(
            new PostgresLauncher(options, layout, databasePassword),
            new S3ProxyLauncher(options, layout, s3AccessKey, s3SecretKey),
            new KafkaLauncher(options, layout)));
    progress.accept(
        String.format(Locale.ROOT, "infrastructure ready (%.1f s)", seconds(startedAt)));

    List<Component> services = startedServices();
    if (!services.isEmpty()) {
      for (Component service : services) {
        endpoints = endpoints.withServicePort(service, ports.of(service));
      }
      StackEndpoints withServices = endpoints;
      update(current -> current.withEndpoints(withServices));
      List<ComponentLauncher> launchers = new ArrayList<>();
      for (Component service : services) {
        ServiceLaunch launch =
            ServiceLaunches.defaults(
                service, endpoints, keys, ports, options.repoHome(), layout.componentDir(service));
        options.serviceCustomizer().accept(service, launch);
        launchers.add(new ServiceLauncher(options, layout, launch));
      }
      progress.accept(
          "starting " + services.stream().map(Component::id).collect(Collectors.joining(", ")));
      long servicesStartedAt = System.nanoTime();
      startPhase(launchers);
      progress.accept(
          String.format(Locale.ROOT, "services ready (%.1f s)", seconds(servicesStartedAt)));
    }

    StackState running = update(current -> current.withPhase(StackState.RUNNING));
    progress.accept(String.format(Locale.ROOT, "stack running (%.1f s)", seconds(startedAt)));
    return new RunningStack(layout, running, options.stopGrace(), options.progress());
  }

  /** Launches all components of a phase, records them, then waits for all of them in parallel. */
  private void startPhase(List<ComponentLauncher> launchers)
      throws IOException, InterruptedException {
    Map<ComponentLauncher, LaunchedProcess> launched = new LinkedHashMap<>();
    for (ComponentLauncher launcher : launchers) {
      // Launch and record under the lock abort() takes, so no process escapes an abort.
      synchronized (this) {
        if (aborted) {
          throw new LocalStackException("start cancelled");
        }
        LaunchedProcess process = launcher.launch();
        launched.put(launcher, process);
        record(
            new ComponentRecord(
                launcher.component().id(),
                process.record(),
                List.of(),
                launcher.ports(),
                layout.stateDir().relativize(process.logFile()).toString()));
      }
    }
    Instant deadline = Instant.now().plus(options.readyTimeout());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            launchers.size(),
            task -> {
              Thread thread = new Thread(task, "local-stack-readiness");
              thread.setDaemon(true);
              // The Kafka admin client loads classes through the context class loader; under a
              // Quarkus test that would be Quarkus's loader, whose Kafka classes differ from ours.
              thread.setContextClassLoader(StackStarter.class.getClassLoader());
              return thread;
            });
    try {
      CompletionService<Void> readiness = new ExecutorCompletionService<>(pool);
      launched.forEach(
          (launcher, process) ->
              readiness.submit(
                  () -> {
                    ComponentLauncher.Ready ready = launcher.awaitReady(process, deadline);
                    progress.accept(
                        String.format(
                            Locale.ROOT,
                            "%s (%.1f s)",
                            ready.description(),
                            process.secondsSinceLaunch()));
                    for (ProcessRecord helper : ready.helpers()) {
                      recordHelper(launcher.component(), helper);
                    }
                    return null;
                  }));
      for (int i = 0; i < launched.size(); i++) {
        Future<Void> done = readiness.take();
        try {
          done.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException failure) {
            throw failure;
          }
          if (e.getCause() instanceof InterruptedException interrupted) {
            throw interrupted;
          }
          throw new LocalStackException("readiness check failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      // Stops the other readiness checks at once when one component failed.
      pool.shutdownNow();
    }
  }

  private synchronized void record(ComponentRecord record) {
    update(current -> current.withComponent(record));
  }

  /** Every change of the record is written at once, so another JVM can always stop what exists. */
  private synchronized void save(StackState newState) {
    if (aborted) {
      throw new LocalStackException("start cancelled");
    }
    state = newState;
    StackStateFile.write(layout, newState);
  }

  private synchronized StackState update(UnaryOperator<StackState> change) {
    save(change.apply(state));
    return state;
  }

  private synchronized void recordHelper(Component component, ProcessRecord helper) {
    ComponentRecord record =
        state
            .component(component)
            .orElseThrow(() -> new IllegalStateException(component + " was not recorded"));
    record(record.withHelper(helper));
  }

  /** Stops whatever this start launched; keeps stack.json if something could not be stopped. */
  private void abort() {
    StackState current;
    synchronized (this) {
      if (aborted || state == null || StackState.RUNNING.equals(state.phase())) {
        return;
      }
      aborted = true;
      current = state;
    }
    progress.accept("start did not complete; stopping what was started");
    StackStopper stopper = new StackStopper(options.stopGrace(), progress);
    if (stopper.stop(current)) {
      StackStateFile.delete(layout);
    } else {
      progress.accept(
          "some processes could not be stopped; their record stays in " + layout.stackFile());
    }
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
