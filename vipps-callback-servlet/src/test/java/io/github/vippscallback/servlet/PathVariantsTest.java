package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request targets that try to reach the guarded servlet under {@code /vipps/*} around the filter mapped
 * to the same pattern: path parameters, doubled slashes, dot segments (plain and percent-encoded),
 * encoded slashes, trailing slashes and other case. Sent verbatim over real HTTP to a real Tomcat.
 * Whatever status Tomcat answers, a denied client must never reach the guarded servlet; the allowed
 * client shows that the variants that Tomcat maps to it really do reach it.
 */
class PathVariantsTest {

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 300, "127.0.0.2", "::1");

  private static VippsAllowlist allowlist;
  private static GuardedTomcat tomcat;
  private static Path baseDir;

  @BeforeAll
  static void start() throws Exception {
    allowlist = VippsAllowlist.builder(VippsEnvironment.TEST).dnsServers(List.of(dns.address())).build();
    allowlist.start();
    assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
    baseDir = Files.createTempDirectory("path-variants");
    tomcat = GuardedTomcat.start(baseDir, VippsCallbackFilter.builder(allowlist).build());
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.close();
    allowlist.close();
  }

  @BeforeEach
  void forget() {
    tomcat.guarded.clear();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/vipps/callback",
    "/vipps/callback;jsessionid=1",
    "/vipps;x=1/callback",
    "/vipps/callback;/x",
    "/vipps//callback",
    "//vipps/callback",
    "/vipps/./callback",
    "/./vipps/callback",
    "/vipps/callback/",
    "/vipps/",
    "/vipps",
    "/vipps/x/../callback",
    "/x/../vipps/callback",
    "/vipps/x/..;/callback",
    "/x/..;/vipps/callback",
    "/x;/../vipps/callback",
    "/x/%2e%2e/vipps/callback",
    "/x/%2E%2E/vipps/callback",
    "/x/.%2e/vipps/callback",
    "/vipps/%2e/callback",
    "/vipps%2Fcallback",
    "/vipps%2fcallback",
    "/x%2F..%2Fvipps/callback",
    "/%76ipps/callback",
    "/vipps/%63allback",
    "/VIPPS/callback",
    "/Vipps/Callback",
    "/vipps/callback?x=1",
    "/vipps/callback%3Fx=1",
    "/vipps/callback%00",
    "/vipps/callback%20",
    "/vipps\\callback",
    "/vipps%5ccallback",
    "/vipps/callback#x",
    "http://127.0.0.1/vipps/callback",
    "/vipps/%u0063allback",
    "/vipps/%c0%afcallback",
  })
  void aDeniedClientNeverReachesTheGuardedServletWhateverThePath(String target) throws Exception {
    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.9").get(tomcat.port(), target);

    assertThat(tomcat.guarded).as("reached the guarded servlet with %s (status %d)", target, response.status())
        .isEmpty();
    assertThat(response.body()).doesNotContain(GuardedTomcat.GUARDED_BODY);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/vipps/callback",
    "/vipps/callback;jsessionid=1",
    "/vipps//callback",
    "//vipps/callback",
    "/vipps/./callback",
    "/vipps/callback/",
    "/vipps/x/../callback",
    "/x/../vipps/callback",
    "/vipps/%63allback",
    "/%76ipps/callback",
    "/vipps/callback?x=1",
  })
  void anAllowedClientReachesTheGuardedServletThroughTheSameVariants(String target) throws Exception {
    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.2").get(tomcat.port(), target);

    assertThat(response.status()).isEqualTo(200);
    assertThat(tomcat.guarded).hasSize(1);
  }
}
