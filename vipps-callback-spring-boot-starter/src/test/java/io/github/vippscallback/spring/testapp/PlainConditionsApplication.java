package io.github.vippscallback.spring.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The conditions and failing handlers in an application without Spring Security: the starter's servlet
 * filter guards them, everything else is open.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ConditionsController.class, FailingController.class})
public class PlainConditionsApplication {}
