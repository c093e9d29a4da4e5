package io.github.vippscallback.samples.webhook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Receives Vipps ePayment webhook events. Run it on your own machine with
 * {@code java -jar target/vipps-webhook-receiver.jar --spring.profiles.active=local}: the {@code local}
 * profile listens on port 8080 and also allows loopback, so you can post an event with curl.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebhookReceiverApplication {

  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments, e.g. {@code --spring.profiles.active=local}
   */
  public static void main(String[] args) {
    SpringApplication.run(WebhookReceiverApplication.class, args);
  }
}
