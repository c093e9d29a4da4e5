package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.test.mockmvc.VippsMockMvc.fromVipps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.testapp.WebhookApplication;
import io.github.vippscallback.test.LoopbackDnsExtension;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * {@code VippsMockMvc} used exactly as docs/guides/testing-your-integration.md shows it, against the whole starter (its security
 * chain: the address check, then the signature): the test's configuration allows 203.0.113.7.
 */
@SpringBootTest(classes = WebhookApplication.class, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.additional-addresses=203.0.113.7",
    "vipps.callback.webhook.secret=" + WebhookMockMvcTests.WEBHOOK_SECRET})
class WebhookMockMvcTests {

  static final String WEBHOOK_SECRET = "whsec-mockmvc-19c4";
  private static final String JSON = "{\"reference\":\"order-42\",\"name\":\"AUTHORIZED\",\"text\":\"blåbær\"}";

  /** Knows no name: Vipps' hosts contribute nothing, 203.0.113.7 comes from additional-addresses. */
  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension();

  @DynamicPropertySource
  static void vippsDns(DynamicPropertyRegistry registry) {
    registry.add("vipps.callback.dns.accept-special-purpose-addresses", () -> "true"); // the loopback DNS answers loopback addresses, where the test requests come from
  }

  @Autowired
  WebApplicationContext context;

  @Autowired
  VippsAllowlist allowlist;

  private MockMvc mockMvc;

  @BeforeEach
  void setUp() throws InterruptedException {
    assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
    mockMvc = MockMvcBuilders.webAppContextSetup(context)
        .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
        .build();
  }

  @Test
  void aSignedRequestFromVippsReachesTheControllerAsTheReadmeShows() throws Exception {
    String json = JSON;
    String webhookSecret = WEBHOOK_SECRET;

    mockMvc.perform(post("/vipps/webhook")
            .contentType(MediaType.APPLICATION_JSON)
            .content(json)
            .with(fromVipps("203.0.113.7").signedWith(webhookSecret)))
        .andExpect(status().isOk())
        .andExpect(content().bytes(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void withoutTheSignatureOrFromAnotherAddressItIsRefused() throws Exception {
    mockMvc.perform(post("/vipps/webhook").contentType(MediaType.APPLICATION_JSON).content(JSON)
            .with(fromVipps("203.0.113.7")))
        .andExpect(status().isUnauthorized());
    mockMvc.perform(post("/vipps/webhook").contentType(MediaType.APPLICATION_JSON).content(JSON)
            .with(fromVipps("203.0.113.8").signedWith(WEBHOOK_SECRET)))
        .andExpect(status().isForbidden());
  }

  @Test
  void aStaleSignatureIsRefused() throws Exception {
    mockMvc.perform(post("/vipps/webhook").contentType(MediaType.APPLICATION_JSON).content(JSON)
            .with(fromVipps("203.0.113.7").signedWith(WEBHOOK_SECRET).at(Instant.now().minus(Duration.ofMinutes(10)))))
        .andExpect(status().isUnauthorized());
  }
}
