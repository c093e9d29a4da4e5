package io.github.vippscallback.samples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the WebFlux sample on Reactor Netty. */
@SpringBootApplication
public class WebFluxSampleApplication {

  /** Runs the application. */
  public static void main(String[] args) {
    SpringApplication.run(WebFluxSampleApplication.class, args);
  }
}
