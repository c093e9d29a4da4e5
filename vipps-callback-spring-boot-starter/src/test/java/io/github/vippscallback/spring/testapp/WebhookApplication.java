package io.github.vippscallback.spring.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** An application with webhook endpoints ({@link WebhookController}) and an {@link OutcomeCounter}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebhookController.class)
public class WebhookApplication {

  /** Counts the outcomes. */
  @Bean
  OutcomeCounter outcomeCounter() {
    return new OutcomeCounter();
  }
}
