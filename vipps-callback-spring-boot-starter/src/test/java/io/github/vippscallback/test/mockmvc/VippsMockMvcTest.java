package io.github.vippscallback.test.mockmvc;

import static io.github.vippscallback.test.mockmvc.VippsMockMvc.fromVipps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.vippscallback.servlet.VippsWebhookSignatureFilter;
import io.github.vippscallback.spring.testapp.WebhookController;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@link VippsMockMvc} used as the README shows it, through a signature filter in front of a controller. */
class VippsMockMvcTest {

  private static final String WEBHOOK_SECRET = "whsec-test-0b1e6c";
  private static final String JSON = "{\"reference\":\"order-42\",\"name\":\"AUTHORIZED\",\"text\":\"blåbær\"}";

  @RestController
  static class WebhookController {
    @PostMapping("/vipps/webhook")
    ResponseEntity<byte[]> webhook(@RequestBody byte[] body, HttpServletRequest request) {
      // Echoes the exact bytes the controller received.
      return ResponseEntity.ok()
          .header("X-Remote-Addr", request.getRemoteAddr())
          .contentType(MediaType.APPLICATION_OCTET_STREAM)
          .body(body);
    }
  }

  private static MockMvc mockMvc(VippsWebhookSignatureFilter filter) {
    return MockMvcBuilders.standaloneSetup(new WebhookController()).addFilters(filter).build();
  }

  private final MockMvc mockMvc =
      mockMvc(VippsWebhookSignatureFilter.builder(WebhookSignatureVerifier.of(WEBHOOK_SECRET)).build());

  @Test
  void signedRequestFromVippsReachesControllerWithExactBodyAndRemoteAddress() throws Exception {
    mockMvc.perform(post("/vipps/webhook")
            .contentType(MediaType.APPLICATION_JSON)
            .content(JSON.getBytes(StandardCharsets.UTF_8))
            .with(fromVipps("203.0.113.7").signedWith(WEBHOOK_SECRET)))
        .andExpect(status().isOk())
        .andExpect(header().string("X-Remote-Addr", "203.0.113.7"))
        .andExpect(content().bytes(JSON.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signsQueryAndIpv6RemoteAddress() throws Exception {
    mockMvc.perform(post("/vipps/webhook?shop=1")
            .contentType(MediaType.APPLICATION_JSON)
            .content(JSON)
            .with(fromVipps("2001:db8::7").signedWith(WEBHOOK_SECRET)))
        .andExpect(status().isOk())
        .andExpect(header().string("X-Remote-Addr", "2001:db8::7"));
  }

  @Test
  void unsignedOrWronglySignedRequestIsRefusedWith401() throws Exception {
    mockMvc.perform(post("/vipps/webhook").contentType(MediaType.APPLICATION_JSON).content(JSON).with(fromVipps("203.0.113.7")))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    mockMvc.perform(post("/vipps/webhook").contentType(MediaType.APPLICATION_JSON).content(JSON).with(fromVipps("203.0.113.7").signedWith("another-secret")))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void staleSignatureIsRefused() throws Exception {
    mockMvc.perform(post("/vipps/webhook")
            .content(JSON)
            .with(fromVipps("203.0.113.7").signedWith(WEBHOOK_SECRET).at(Instant.now().minus(Duration.ofMinutes(10)))))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void signsForPublicUrlBehindProxy() throws Exception {
    MockMvc behindProxy =
        mockMvc(VippsWebhookSignatureFilter.builder(WebhookSignatureVerifier.of(WEBHOOK_SECRET))
            .publicUrl("https://shop.example.com")
            .build());

    behindProxy.perform(post("/vipps/webhook").contentType(MediaType.APPLICATION_JSON).content(JSON)
            .with(fromVipps("203.0.113.7").signedWith(WEBHOOK_SECRET).publicUrl("https://shop.example.com")))
        .andExpect(status().isOk())
        .andExpect(content().bytes(JSON.getBytes(StandardCharsets.UTF_8)));
    behindProxy.perform(post("/vipps/webhook").contentType(MediaType.APPLICATION_JSON).content(JSON)
            .with(fromVipps("203.0.113.7").signedWith(WEBHOOK_SECRET)))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void refusesRemoteAddressThatIsNotAnIpLiteral() {
    assertThatThrownBy(() -> fromVipps("callback-1.vipps.no")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverShowsSecretInToString() {
    assertThat(fromVipps("203.0.113.7").signedWith(WEBHOOK_SECRET).toString()).doesNotContain(WEBHOOK_SECRET);
  }
}
