package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints;
import io.github.vippscallback.spring.testapp.ReactiveConditionsApplication;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every test of {@link RequestConditionsApplicationTests} on WebFlux (Reactor Netty, Spring Security): a
 * guarded mapping is exactly its WebFlux handler mapping, {@code params}, {@code headers}, {@code consumes}
 * and {@code produces} included; the unannotated handler on the same path and method stays the
 * application's.
 */
@SpringBootTest(classes = ReactiveConditionsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"vipps.callback.environment=prod", LoopbackApplicationFixture.ACCEPT_LOOPBACK_ANSWERS})
class WebFluxRequestConditionsTests extends RequestConditionsApplicationTests {

  @Override
  List<CallbackEndpoint> guardedEndpoints() {
    return context.getBean(ReactiveCallbackEndpoints.class).endpoints();
  }
}
