package io.github.vippscallback.spring.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** An application with Spring Security and no chain of its own, whose guarded handler throws. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(FailingController.class)
public class ErrorDispatchApplication {}
