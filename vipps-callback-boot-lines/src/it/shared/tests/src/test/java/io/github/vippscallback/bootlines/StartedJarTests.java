package io.github.vippscallback.bootlines;

import static io.github.vippscallback.bootlines.Requests.DISASTER_RECOVERY;
import static io.github.vippscallback.bootlines.Requests.PROD_IPV4;
import static io.github.vippscallback.bootlines.Requests.PROD_IPV6;
import static io.github.vippscallback.bootlines.Requests.STRANGER;
import static io.github.vippscallback.bootlines.Requests.assertProblem;
import static io.github.vippscallback.bootlines.Requests.postCallback;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.webhook.WebhookSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The merchant's application as it runs in production: its repackaged jar started with {@code java -jar}
 * in a process of its own, its settings on the command line, DNS on loopback, real HTTP from real loopback
 * source addresses. It starts while DNS fails (SERVFAIL): a callback then gets 503 with {@code Retry-After};
 * once DNS answers, Vipps' production request servers (IPv4, IPv6, disaster recovery) reach the handler, a
 * stranger gets the guard's 403, everything else is left as it was (with Spring Security Boot's login,
 * without it open), webhooks under {@code /vipps/webhooks/**} need a signature with either of two secrets
 * (a rotation), and health, the {@code vippscallback} endpoint and the metrics show it. The consumer's pom
 * says what to expect on its line and stack ({@code expected.*} system properties).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartedJarTests {

  static final String OLD_SECRET = "the-secret-of-the-registration-being-replaced";
  static final String NEW_SECRET = "the-secret-of-the-new-registration";
  private static final String OPS = "Basic "
      + Base64.getEncoder().encodeToString("ops:ops-secret".getBytes(StandardCharsets.UTF_8));
  private static final List<String> ANSWERED_HOSTS =
      List.of("callback-1.vipps.no", "callback-2.vipps.no", "callback-dr-1.vipps.no");

  private LoopbackDnsServer dns;
  private ConsumerJar app;
  private int port;
  private LoopbackHttpResponse whileDnsFails;
  private String healthWhileDnsFails;

  @BeforeAll
  void startTheJarWhileDnsFails() throws Exception {
    dns = LoopbackDnsServer.start();
    ANSWERED_HOSTS.forEach(host -> dns.behave(host, LoopbackDnsServer.Behaviour.SERVFAIL));
    app = ConsumerJar.start("main", List.of(), List.of(
        "--server.port=0",
        "--vipps.callback.environment=prod",
        "--vipps.callback.dns.servers=" + dns.address(),
        // the DNS answers loopback addresses, where the requests come from
        "--vipps.callback.dns.accept-special-purpose-addresses=true",
        // failed lookups are retried within 2 s (backoff capped at max-ttl), so the test need not wait long
        "--vipps.callback.dns.min-ttl=1s",
        "--vipps.callback.dns.max-ttl=2s",
        "--vipps.callback.retry-after=7s",
        "--vipps.callback.webhook.secrets[/vipps/webhooks/**]=old:" + OLD_SECRET + ",new:" + NEW_SECRET,
        "--management.endpoints.web.exposure.include=health,vippscallback,metrics",
        "--management.endpoint.health.show-components=always",
        "--management.endpoint.health.show-details=always",
        "--spring.security.user.name=ops",
        "--spring.security.user.password=ops-secret"));
    port = app.awaitStarted();
    whileDnsFails = postCallback(PROD_IPV4, port, "order-0");
    healthWhileDnsFails = get("/actuator/health/vippsCallback").body();

    dns.answer("callback-1.vipps.no", 300, PROD_IPV4)
        .answer("callback-2.vipps.no", 300, PROD_IPV6)
        .answer("callback-dr-1.vipps.no", 300, DISASTER_RECOVERY);
    awaitAllAnswersInTheAllowlist(Duration.ofSeconds(30));
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void runsOnTheSpringBootLineOfTheConsumersParent() {
    assertThat(app.output()).contains(":: Spring Boot ::").contains("(v" + Expected.property("expected.boot.line") + ".");
  }

  @Test
  void whileDnsFailsACallbackGetsServiceUnavailableWithRetryAfter() {
    assertProblem(whileDnsFails, 503);
    assertThat(whileDnsFails.header("Retry-After")).isEqualTo("7");
    assertThat(healthWhileDnsFails).doesNotContain("\"status\":\"UP\"");
  }

  @Test
  void vippsOverIpv4ReachesTheHandler() throws IOException {
    assertThat(postCallback(PROD_IPV4, port, "order-1").body()).isEqualTo("reached order-1");
  }

  @Test
  void vippsOverIpv6ReachesTheHandler() throws IOException {
    assertThat(postCallback(PROD_IPV6, port, "order-2").body()).isEqualTo("reached order-2");
  }

  @Test
  void vippsDisasterRecoveryReachesTheHandler() throws IOException {
    assertThat(postCallback(DISASTER_RECOVERY, port, "order-3").body()).isEqualTo("reached order-3");
  }

  @Test
  void strangerGetsTheGuardsForbiddenProblem() throws IOException {
    assertProblem(postCallback(STRANGER, port, "order-4"), 403);
    assertProblem(postCallback("127.0.0.4", port, "order-4"), 403);
  }

  @Test
  void everythingElseIsLeftAsItWas() throws IOException {
    int expected = Integer.parseInt(Expected.property("expected.other.status"));
    assertThat(LoopbackHttpClient.from(PROD_IPV4).get(port, "/hello").status()).isEqualTo(expected);
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/hello").status()).isEqualTo(expected);
  }

  @Test
  void webhookSignedWithTheOldSecretOfARotationReachesTheHandler() throws IOException {
    assertThat(webhook(PROD_IPV4, "order-5").signedWith(OLD_SECRET).send().body()).isEqualTo("reached order-5");
  }

  @Test
  void webhookSignedWithTheNewSecretOfARotationReachesTheHandler() throws IOException {
    assertThat(webhook(PROD_IPV6, "order-6").signedWith(NEW_SECRET).send().body()).isEqualTo("reached order-6");
  }

  @Test
  void webhookSignedWithAnotherSecretIsRefused() throws IOException {
    assertProblem(webhook(PROD_IPV4, "order-7").signedWith("a-secret-vipps-never-gave-us").send(), 401);
  }

  @Test
  void unsignedWebhookIsRefused() throws IOException {
    assertProblem(webhook(PROD_IPV4, "order-8").send(), 401);
  }

  @Test
  void webhookWhoseBodyChangedAfterSigningIsRefused() throws IOException {
    String signedBody = "{\"orderId\":\"order-9\",\"amount\":1000}";
    LoopbackHttpClient.Request request = LoopbackHttpClient.from(PROD_IPV4)
        .request("POST", port, "/vipps/webhooks/order-9")
        .body(signedBody.replace("1000", "9000"), "application/json");
    WebhookSigner.of(NEW_SECRET)
        .sign("http://127.0.0.1:" + port + "/vipps/webhooks/order-9", signedBody.getBytes(StandardCharsets.UTF_8))
        .asMap().forEach(request::header);

    assertProblem(request.send(), 401);
  }

  @Test
  void signedWebhookFromAStrangerGetsForbidden() throws IOException {
    assertProblem(webhook(STRANGER, "order-10").signedWith(NEW_SECRET).send(), 403);
  }

  @Test
  void healthComponentVippsCallbackIsUp() throws IOException {
    LoopbackHttpResponse response = get("/actuator/health/vippsCallback");

    assertThat(response.status()).isEqualTo(200);
    DocumentContext json = JsonPath.parse(response.body());
    assertThat(json.read("$.status", String.class)).isEqualTo("UP");
    assertThat(json.read("$.details.environment", String.class)).isEqualTo("prod");
    assertThat(json.read("$.details.entries", List.class)).contains("127.0.0.2/32", "127.0.0.3/32");
    assertThat(JsonPath.parse(get("/actuator/health").body()).read("$.components.vippsCallback.status", String.class))
        .isEqualTo("UP");
  }

  @Test
  void vippscallbackEndpointShowsTheAllowlist() throws IOException {
    LoopbackHttpResponse response = get("/actuator/vippscallback");

    assertThat(response.status()).isEqualTo(200);
    DocumentContext json = JsonPath.parse(response.body());
    assertThat(json.read("$.environment", String.class)).isEqualTo("prod");
    assertThat(json.read("$.ready", Boolean.class)).isTrue();
    assertThat(json.read("$.entries", List.class)).hasSize(3).contains("127.0.0.2/32", "127.0.0.3/32");
    assertThat(json.read("$.hosts[*].host", List.class)).hasSize(8).containsAll(ANSWERED_HOSTS);
  }

  @Test
  void metricsCountTheOutcomesAndShowTheAllowlistAndDnsRefreshes() throws IOException {
    double allowed = metric("vipps.callback.requests?tag=outcome:allowed");
    double denied = metric("vipps.callback.requests?tag=outcome:denied");

    assertThat(postCallback(PROD_IPV4, port, "order-11").status()).isEqualTo(200);
    assertThat(postCallback(STRANGER, port, "order-12").status()).isEqualTo(403);

    assertThat(metric("vipps.callback.requests?tag=outcome:allowed")).isEqualTo(allowed + 1);
    assertThat(metric("vipps.callback.requests?tag=outcome:denied")).isEqualTo(denied + 1);
    assertThat(metric("vipps.callback.requests?tag=outcome:unavailable")).isGreaterThanOrEqualTo(1);
    assertThat(metric("vipps.callback.allowlist.addresses")).isEqualTo(3);
    assertThat(get("/actuator/metrics/vipps.callback.dns.refresh").status()).isEqualTo(200);
  }

  @Test
  void metricsCountValidSignaturesByTheSecretThatMatched() throws IOException {
    assertThat(webhook(PROD_IPV4, "order-13").signedWith(OLD_SECRET).send().status()).isEqualTo(200);

    assertThat(metric("vipps.callback.webhook.signatures?tag=secret:old")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void startUpLineNamesTheGuardThatIsInPlace() {
    assertThat(app.output())
        .containsPattern("guarded endpoint\\(s\\) \\[[^]]*POST /vipps/payments/\\{orderId}")
        .containsPattern("guarded endpoint\\(s\\) \\[[^]]*POST /vipps/webhooks/\\{orderId}")
        .contains("] by " + Expected.property("expected.guard") + "; allowed:");
  }

  private LoopbackHttpClient.Request webhook(String from, String orderId) {
    return LoopbackHttpClient.from(from).request("POST", port, "/vipps/webhooks/" + orderId)
        .body("{\"orderId\":\"" + orderId + "\"}", "application/json");
  }

  /** A GET from 127.0.0.1 with the operator's credentials (the actuator is behind Spring Security's login). */
  private LoopbackHttpResponse get(String target) throws IOException {
    return LoopbackHttpClient.from("127.0.0.1").get(port, target, Map.of("Authorization", OPS));
  }

  private double metric(String nameAndTags) throws IOException {
    LoopbackHttpResponse response = get("/actuator/metrics/" + nameAndTags);
    assertThat(response.status()).as("GET /actuator/metrics/%s: %s", nameAndTags, response.body()).isEqualTo(200);
    return JsonPath.parse(response.body()).read("$.measurements[0].value", Double.class);
  }

  private void awaitAllAnswersInTheAllowlist(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      LoopbackHttpResponse response = get("/actuator/health/vippsCallback");
      body = response.body();
      // UP once one host answers; each host retries on its own timer, so wait for all three answers
      if (response.status() == 200 && body.contains("\"status\":\"UP\"") && body.contains("127.0.0.2/32")
          && body.contains("127.0.0.3/32") && body.contains("::1/128")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("vippsCallback health not UP with the three answered addresses within " + timeout
        + " of DNS answering: " + body
        + "\n" + app.output());
  }
}
