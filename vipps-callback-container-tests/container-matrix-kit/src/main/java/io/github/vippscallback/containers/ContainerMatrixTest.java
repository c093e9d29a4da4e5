package io.github.vippscallback.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.servlet.VippsCallbackFilter;
import io.github.vippscallback.servlet.VippsWebhookSignatureFilter;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Puts the whole {@link Check} table to one servlet container, once per {@link Configuration}: starts the
 * container with a fresh loopback DNS server, waits until DNS has been asked (the guard starts with the
 * application, before any request), then sends every check and compares each answer with the table. The
 * answers are printed as rows of the matrix and written to the file in the system property {@value
 * #MATRIX_FILE_PROPERTY}, which the report module prints for the whole build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContainerMatrixTest {

  /** The system property naming the file this container's rows are written to. */
  public static final String MATRIX_FILE_PROPERTY = "container.matrix.file";

  /** How long a deployment may take to ask DNS: far more than any container here needs. */
  private static final Duration DNS_ASKED_WITHIN = Duration.ofSeconds(30);

  /** How the filters are configured. */
  public enum Configuration {
    /** Declared by class with init-parameters, as {@code web.xml} does, with the startup listener. */
    INIT_PARAMETERS("init-parameters"),
    /** Instances made by the builders over an allowlist the application starts itself. */
    BUILDER("builder");

    private final String label;

    Configuration(String label) {
      this.label = label;
    }

    /** How the printed matrix names it. */
    public String label() {
      return label;
    }
  }

  private final List<String> rows = new ArrayList<>();

  /** The container under test. */
  protected abstract ServletContainer container();

  /** The configurations this container is tested with; both, unless it cannot take a builder's instances. */
  protected Stream<Configuration> configurations() {
    return Stream.of(Configuration.values());
  }

  @BeforeAll
  void noStaleRows() throws IOException {
    Path file = matrixFile();
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void answersEveryCheckOfTheMatrix(Configuration configuration) throws Exception {
    ServletContainer container = container();
    Map<Check, LoopbackHttpResponse> answers = new EnumMap<>(Check.class);
    boolean dnsAskedBeforeFirstRequest;
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.answer(Check.VIPPS_HOST, 300, Check.VIPPS_V4, Check.VIPPS_V6);
      VippsAllowlist ownAllowlist = configuration == Configuration.BUILDER ? startedAllowlist(dns) : null;
      try (ServletContainer.Running running = container.start(deployment(configuration, dns, ownAllowlist))) {
        // Both the A and the AAAA query, before any request: the guard started with the application.
        try {
          await().atMost(DNS_ASKED_WITHIN).until(() -> dns.queryCount(Check.VIPPS_HOST) >= 2);
          dnsAskedBeforeFirstRequest = true;
          Thread.sleep(500); // the answer reaches the allowlist's snapshot within milliseconds
        } catch (ConditionTimeoutException e) {
          dnsAskedBeforeFirstRequest = false; // the first callback shows what that costs
        }
        Check.Target target = new Check.Target(running.ipv4Port(), running.ipv6Port());
        for (Check check : Check.values()) {
          answers.put(check, check.send(target));
        }
      } finally {
        if (ownAllowlist != null) {
          ownAllowlist.close();
        }
      }
    }
    String row = row(container.name(), configuration, answers);
    rows.add(row);
    System.out.println(Check.header());
    System.out.println(row);
    assertThat(dnsAskedBeforeFirstRequest)
        .as("%s, %s: DNS asked for %s (A and AAAA) within %s of the start, before any request (the guard starts"
            + " with the application)", container.name(), configuration.label(), Check.VIPPS_HOST, DNS_ASKED_WITHIN)
        .isTrue();
    for (Check check : Check.values()) {
      LoopbackHttpResponse answer = Objects.requireNonNull(answers.get(check), check.column());
      assertThat(answer.status()).as("%s on %s, %s: %s", check.column(), container.name(), configuration.label(),
          answer.body()).isEqualTo(check.expectedStatus());
      if (check.expectedStatus() == 200) {
        assertThat(answer.body()).as(check.column()).isEqualTo(CallbackServlet.BODY);
      } else {
        assertThat(answer.header("Content-Type")).as(check.column()).startsWith("application/problem+json");
      }
    }
  }

  @AfterAll
  void writeRows() throws IOException {
    Path file = matrixFile();
    if (file != null && !rows.isEmpty()) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, rows, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  private static String row(String container, Configuration configuration, Map<Check, LoopbackHttpResponse> answers) {
    LoopbackHttpResponse ipv6 = answers.get(Check.IPV6_VIPPS);
    String remoteAddr = ipv6 == null ? null : ipv6.header(CallbackServlet.REMOTE_ADDR_HEADER);
    StringBuilder row = new StringBuilder("| ").append(container).append(" | ").append(configuration.label())
        .append(" | ").append(remoteAddr == null ? "-" : remoteAddr).append(" |");
    for (Check check : Check.values()) {
      LoopbackHttpResponse answer = answers.get(check);
      int status = answer == null ? -1 : answer.status();
      row.append(' ').append(status);
      if (status != check.expectedStatus()) {
        row.append(" (expected ").append(check.expectedStatus()).append(')');
      }
      row.append(" |");
    }
    return row.toString();
  }

  private static @Nullable Path matrixFile() {
    String file = System.getProperty(MATRIX_FILE_PROPERTY);
    return file == null || file.isBlank() ? null : Path.of(file);
  }

  private static VippsAllowlist startedAllowlist(LoopbackDnsServer dns) {
    VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are loopback addresses
        .build();
    allowlist.start(); // the application starts what it builds, before its server takes requests
    return allowlist;
  }

  /** The filters of {@code configuration}: the address check on /vipps/*, the signature check on the webhook. */
  static Deployment deployment(Configuration configuration, LoopbackDnsServer dns, @Nullable VippsAllowlist own) {
    if (configuration == Configuration.BUILDER && own != null) {
      VippsCallbackFilter address = VippsCallbackFilter.builder(own)
          .clientAddressResolver(ClientAddressResolver.trusting(List.of(Check.PROXY_V4, Check.PROXY_V6)))
          .build();
      VippsWebhookSignatureFilter signature =
          VippsWebhookSignatureFilter.builder(WebhookSignatureVerifier.of(Check.WEBHOOK_SECRET)).build();
      return new Deployment(List.of(
          new FilterSpec("vippsCallback", VippsCallbackFilter.class, address, Map.of(), Deployment.SERVLET_PATTERN),
          new FilterSpec("vippsWebhookSignature", VippsWebhookSignatureFilter.class, signature, Map.of(),
              Check.WEBHOOK)),
          false);
    }
    return new Deployment(List.of(
        new FilterSpec("vippsCallback", VippsCallbackFilter.class, null, Map.of(
            VippsCallbackFilter.PARAM_ENVIRONMENT, "test",
            VippsCallbackFilter.PARAM_DNS_SERVERS, dns.address(),
            VippsCallbackFilter.PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, "true",
            VippsCallbackFilter.PARAM_TRUSTED_PROXIES, Check.TRUSTED_PROXIES), Deployment.SERVLET_PATTERN),
        new FilterSpec("vippsWebhookSignature", VippsWebhookSignatureFilter.class, null, Map.of(
            VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, Check.WEBHOOK_SECRET), Check.WEBHOOK)),
        true);
  }
}
