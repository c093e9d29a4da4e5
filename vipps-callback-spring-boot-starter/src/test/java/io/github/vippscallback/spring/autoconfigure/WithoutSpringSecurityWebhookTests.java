package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.BODY;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertUnauthorizedProblem;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.post;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.postSigned;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.spring.testapp.OutcomeCounter;
import io.github.vippscallback.spring.testapp.WebhookApplication;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Webhook signatures without Spring Security on the class path (run in the build's own surefire
 * execution): the starter's servlet filter checks the address, then the signature.
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.webhook.secret=" + WithoutSpringSecurityWebhookTests.SECRET})
class WithoutSpringSecurityWebhookTests extends LoopbackApplicationFixture {

  static final String SECRET = "whsec-no-security-2d6b";

  @Autowired
  OutcomeCounter counter;

  @Autowired
  ApplicationContext context;

  @BeforeEach
  void countFromZero() {
    counter.reset();
  }

  @Test
  void springSecurityIsReallyAbsent() {
    assertThat(ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null)).isFalse();
    assertThat(context.containsBean(VippsCallbackAutoConfiguration.FILTER_REGISTRATION_BEAN)).isTrue();
  }

  @Test
  void signedRequestFromRequestServerReachesControllerWithExactBody() throws Exception {
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, SECRET), "payments", BODY);
  }

  @Test
  void wrongSignatureGets401AndIsCounted() throws Exception {
    assertUnauthorizedProblem(postSigned(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, "another"), SECRET);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
  }

  @Test
  void strangerGets403BeforeTheSignatureIsChecked() throws Exception {
    assertThat(postSigned(STRANGER, port, "/vipps/webhooks/payments", BODY, SECRET).status()).isEqualTo(403);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
  }

  @Test
  void endpointMarkedNoneTakesNoSignature() throws Exception {
    assertReached(post(PROD_SERVER, port, "/vipps/ecom/7", BODY, Map.of()), "ecom 7", BODY);
  }
}
