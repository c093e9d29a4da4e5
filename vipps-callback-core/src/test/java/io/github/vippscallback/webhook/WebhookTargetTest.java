package io.github.vippscallback.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetTest {

  @ParameterizedTest
  @CsvSource({
      "https://shop.example.com/vipps/webhook,        shop.example.com,      /vipps/webhook",
      "https://Shop.Example.COM/Vipps/Webhook,        shop.example.com,      /Vipps/Webhook",
      "https://shop.example.com,                      shop.example.com,      /",
      "https://shop.example.com:443/a,                shop.example.com,      /a",
      "http://shop.example.com:80/a,                  shop.example.com,      /a",
      "https://shop.example.com:80/a,                 shop.example.com:80,   /a",
      "http://127.0.0.1:8080/a?b=c%20d&e,             127.0.0.1:8080,        /a?b=c%20d&e",
      "https://[::1]:8443/a%2Fb,                      [::1]:8443,            /a%2Fb",
      "https://shop.example.com/a?,                   shop.example.com,      /a"
  })
  void parsesHostAndPathAndQueryAsVippsSignsThem(String url, String host, String pathAndQuery) {
    WebhookTarget target = WebhookTarget.parse(url);

    assertThat(target.host()).isEqualTo(host);
    assertThat(target.pathAndQuery()).isEqualTo(pathAndQuery);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "shop.example.com/vipps",
      "/vipps/webhook",
      "ftp://shop.example.com/vipps",
      "https://user:pw@shop.example.com/vipps",
      "https://shop.example.com/vipps#fragment",
      "https://shop.example.com/vi pps",
      "https:///vipps"
  })
  void refusesWhatIsNotAnAbsoluteHttpUrl(String url) {
    assertThatThrownBy(() -> WebhookTarget.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://shop.example.com/vipps/webhook");
  }

  @ParameterizedTest
  @CsvSource({
      "https://shop.example.com,         /vipps/webhook, ,      /vipps/webhook",
      "https://shop.example.com/,        /vipps/webhook, ,      /vipps/webhook",
      "https://example.com/shop,         /vipps/webhook, x=1,   /shop/vipps/webhook?x=1",
      "https://example.com/shop/,        /ctx/vipps,     '',    /shop/ctx/vipps"
  })
  void appendsRequestPathAndQueryToPublicBaseUrl(String base, String uri, String query, String expected) {
    WebhookTarget target = WebhookTarget.parse(base).withRequestPath(uri, query);

    assertThat(target.pathAndQuery()).isEqualTo(expected);
    assertThat(target.host()).isEqualTo(WebhookTarget.parse(base).host());
  }

  @Test
  void refusesRequestPathWithControlCharactersOrNonAscii() {
    WebhookTarget base = WebhookTarget.parse("https://shop.example.com");

    assertThatThrownBy(() -> base.withRequestPath("/a\nb", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withRequestPath("/a", "b c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withRequestPath("/æ", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.withRequestPath("a", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesPublicBaseUrlWithQuery() {
    WebhookTarget base = WebhookTarget.parse("https://shop.example.com/?a=b");

    assertThatThrownBy(() -> base.withRequestPath("/vipps", null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void parsePublicUrlRefusesAQueryNamingTheSettingAndValueAndKeepsThePathPrefix() {
    assertThatThrownBy(() -> WebhookTarget.parsePublicUrl("https://shop.example.com/?a=b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publicUrl must have no query, such as https://shop.example.com, but was"
            + " 'https://shop.example.com/?a=b'");
    assertThatThrownBy(() -> WebhookTarget.parsePublicUrl("ftp://shop.example.com"))
        .isInstanceOf(IllegalArgumentException.class);

    WebhookTarget target = WebhookTarget.parsePublicUrl("https://example.com/shop/").withRequestPath("/vipps", "x=1");
    assertThat(target.host()).isEqualTo("example.com");
    assertThat(target.pathAndQuery()).isEqualTo("/shop/vipps?x=1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a;b", "a\nb", "a/b", "user@host", "h\u00e9st"})
  void refusesHostsThatCannotBeInAUrl(String host) {
    assertThatThrownBy(() -> WebhookTarget.of(host, "/")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalsByHostAndPathAndQuery() {
    assertThat(WebhookTarget.of("Shop.example.com", "/a")).isEqualTo(WebhookTarget.parse("https://shop.example.com/a"))
        .hasSameHashCodeAs(WebhookTarget.parse("https://shop.example.com/a"));
    assertThat(WebhookTarget.of("shop.example.com", "/a")).isNotEqualTo(WebhookTarget.of("shop.example.com", "/b"));
  }

  @ParameterizedTest
  @CsvSource({
      "http,  localhost,   80,   /vipps, ,      localhost,           /vipps",
      "https, shop.example.com, 443, /vipps, a=b, shop.example.com,  /vipps?a=b",
      "http,  127.0.0.1,   8080, /vipps, '',    127.0.0.1:8080,      /vipps",
      "https, ::1,         8443, /vipps, ,      [::1]:8443,          /vipps",
      "https, [::1],       443,  /vipps, ,      [::1],               /vipps",
      "http,  Shop.Example.com, -1, /vipps, , shop.example.com,      /vipps"
  })
  void buildsTargetFromRequestAsTheApplicationSeesIt(
      String scheme, String serverName, int port, String uri, String query, String host, String pathAndQuery) {
    WebhookTarget target = WebhookTarget.fromRequest(scheme, serverName, port, uri, query);

    assertThat(target.host()).isEqualTo(host);
    assertThat(target.pathAndQuery()).isEqualTo(pathAndQuery);
  }
}
