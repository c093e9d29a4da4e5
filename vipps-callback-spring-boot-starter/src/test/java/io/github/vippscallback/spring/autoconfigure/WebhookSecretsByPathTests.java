package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.BODY;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertUnauthorizedProblem;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.post;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.postSigned;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;

import io.github.vippscallback.spring.testapp.WebhookApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Two webhook registrations, each with its own secret, chosen by path pattern
 * ({@code vipps.callback.webhook.secrets[pattern]}), and no single secret: an endpoint no pattern
 * matches and whose signature is the default takes none.
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.webhook.secrets[/vipps/webhooks/payments]=" + WebhookSecretsByPathTests.PAYMENTS_SECRET,
    "vipps.callback.webhook.secrets[/vipps/webhooks/refunds/**]=" + WebhookSecretsByPathTests.REFUNDS_SECRET})
class WebhookSecretsByPathTests extends LoopbackApplicationFixture {

  static final String PAYMENTS_SECRET = "whsec-payments-81d2";
  static final String REFUNDS_SECRET = "whsec-refunds-4e07";

  @Test
  void eachEndpointTakesTheSecretOfItsPath() throws Exception {
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, PAYMENTS_SECRET), "payments", BODY);
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, REFUNDS_SECRET), "refunds", BODY);
  }

  @Test
  void theOtherRegistrationsSecretIsRefused() throws Exception {
    assertUnauthorizedProblem(
        postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, REFUNDS_SECRET), PAYMENTS_SECRET);
    assertUnauthorizedProblem(
        postSigned(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, PAYMENTS_SECRET), REFUNDS_SECRET);
  }

  @Test
  void anEndpointNoSecretAppliesToTakesNoSignature() throws Exception {
    assertReached(post(PROD_SERVER, port, "/vipps/webhook", BODY, Map.of()), "webhook", BODY);
  }
}
