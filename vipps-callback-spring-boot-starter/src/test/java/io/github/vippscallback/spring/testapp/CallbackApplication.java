package io.github.vippscallback.spring.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** An application with the callback controllers and nothing of its own for security. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ClassAnnotatedController.class, MixedController.class})
public class CallbackApplication {}
