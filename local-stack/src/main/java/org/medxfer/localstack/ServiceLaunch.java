package org.medxfer.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one service process is started: JVM options, {@code -D} system properties and extra
 * environment variables. The lists and maps are mutable, so {@link
 * StackOptions.Builder#customizeService} can add, change or remove any entry before launch.
 */
public final class ServiceLaunch {
  private final Component service;
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private String readinessPath = "/q/health/ready";

  public ServiceLaunch(Component service) {
    if (!service.isService()) {
      throw new IllegalArgumentException(service + " is not a service");
    }
    this.service = service;
  }

  public Component service() {
    return service;
  }

  /** JVM options placed before the {@code -D} properties, e.g. {@code -Xmx512m}. */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /** Passed as {@code -Dkey=value}: visible in {@code ps}, so never put a secret here. */
  public Map<String, String> systemProperties() {
    return systemProperties;
  }

  /** Added to the inherited environment; the place for secrets. */
  public Map<String, String> environment() {
    return environment;
  }

  /** HTTP path that answers 200 once the service is ready; SmallRye Health's by default. */
  public String readinessPath() {
    return readinessPath;
  }

  public ServiceLaunch readinessPath(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("readiness path must start with /: " + path);
    }
    this.readinessPath = path;
    return this;
  }

  public ServiceLaunch jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  public ServiceLaunch systemProperty(String key, String value) {
    systemProperties.put(key, value);
    return this;
  }

  public ServiceLaunch environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  @Override
  public String toString() {
    // Environment values are secrets: only their names are shown.
    return "ServiceLaunch["
        + service
        + ", jvmOptions="
        + jvmOptions
        + ", systemProperties="
        + systemProperties
        + ", environment="
        + environment.keySet()
        + "]";
  }
}
