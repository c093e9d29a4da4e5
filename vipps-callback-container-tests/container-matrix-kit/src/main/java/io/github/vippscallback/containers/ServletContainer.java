package io.github.vippscallback.containers;

/** A servlet container that can run a {@link Deployment} on 127.0.0.1 and on ::1. */
public interface ServletContainer {

  /** The container and its version as it reports it, e.g. {@code Apache Tomcat 11.0.27}. */
  String name();

  /**
   * Starts the container with the deployment, listening on {@code 127.0.0.1} and {@code ::1}; returns once
   * it takes requests.
   */
  Running start(Deployment deployment) throws Exception;

  /** A started container. */
  interface Running extends AutoCloseable {

    /** The port it listens on at {@code 127.0.0.1}. */
    int ipv4Port();

    /** The port it listens on at {@code ::1}. */
    int ipv6Port();

    /** Stops it and undeploys the application. */
    @Override
    void close() throws Exception;
  }
}
