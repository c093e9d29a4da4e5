package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.testapp.WebhookApplication;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link WebhookSecretRotationChecks} on WebFlux on Reactor Netty (the servlet stack off the class path). */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    WebhookSecretRotationChecks.SECRET_PROPERTY,
    WebhookSecretRotationChecks.REFUNDS_PROPERTY})
class WebFluxWebhookSecretRotationTests extends WebhookSecretRotationChecks {}
