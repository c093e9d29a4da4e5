package io.github.vippscallback.settings;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.webhook.WebhookSecret;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link Setting}s of one front end from its raw texts (init-parameters, flags) and applies them to
 * the core's builders: one mapping from text to {@link VippsAllowlist.Builder}, {@link ClientAddressResolver},
 * the guard's {@code Retry-After}, {@link EnforcementMode} and {@link WebhookSignatureCheck.Builder} for every
 * front end that has text. A value that is not set keeps the table's default; a blank one counts as not set,
 * except for the mode and the webhook secret, which are refused blank, and where the front end parses it itself
 * ({@link #parse}). Every refusal is a {@link SettingException} naming the setting as the front end spells it,
 * the value as written (never a webhook secret) and the table's valid values.
 */
public final class SettingReader {

  static final String REQUIRED = "is required";

  private final Setting.Spelling spelling;
  private final Function<String, @Nullable String> lookup;

  private SettingReader(Setting.Spelling spelling, Function<String, @Nullable String> lookup) {
    this.spelling = spelling;
    this.lookup = lookup;
  }

  /**
   * A reader of one front end's texts.
   *
   * @param spelling how the front end names its settings
   * @param lookup the raw text of a setting by its name in {@code spelling}, or {@code null} when not set
   * @return the reader
   */
  public static SettingReader of(Setting.Spelling spelling, Function<String, @Nullable String> lookup) {
    return new SettingReader(spelling, lookup);
  }

  /**
   * The raw text of a setting.
   *
   * @param setting the setting
   * @return its text as written, or {@code null} when it is not set or this front end does not have it
   */
  public @Nullable String text(Setting setting) {
    String name = setting.nameIn(spelling);
    return name == null ? null : lookup.apply(name);
  }

  /**
   * The required environment.
   *
   * @return the environment the setting names
   * @throws SettingException when it is missing, blank or not an environment
   */
  public VippsEnvironment environment() {
    String text = text(Setting.ENVIRONMENT);
    if (text == null || text.isBlank()) {
      throw new SettingException(Setting.ENVIRONMENT, name(Setting.ENVIRONMENT), null, REQUIRED, null);
    }
    try {
      return VippsEnvironment.parse(text);
    } catch (IllegalArgumentException e) {
      throw refused(Setting.ENVIRONMENT, text, "'" + text + "' is not an environment", e);
    }
  }

  /**
   * A builder of the allowlist with the environment and every DNS and address setting of this front end
   * applied, and their cross-checks passed ({@code min-ttl} not above {@code max-ttl}).
   *
   * @return the builder, ready to {@code build()}
   * @throws SettingException naming the first setting refused
   */
  public VippsAllowlist.Builder allowlist() {
    VippsEnvironment environment = environment();
    VippsAllowlist.Builder builder = VippsAllowlist.builder(environment);
    List<String> servers = list(Setting.DNS_SERVERS);
    if (!servers.isEmpty()) {
      checkEach(Setting.DNS_SERVERS, servers,
          server -> VippsAllowlist.builder(environment).dnsServers(List.of(server)));
      apply(Setting.DNS_SERVERS, () -> builder.dnsServers(servers));
    }
    Duration timeout = duration(Setting.DNS_TIMEOUT);
    if (timeout != null) {
      apply(Setting.DNS_TIMEOUT, () -> builder.queryTimeout(timeout));
    }
    Duration minTtl = duration(Setting.MIN_TTL);
    if (minTtl != null) {
      apply(Setting.MIN_TTL, () -> builder.minTtl(minTtl));
    }
    Duration maxTtl = duration(Setting.MAX_TTL);
    if (maxTtl != null) {
      apply(Setting.MAX_TTL, () -> builder.maxTtl(maxTtl));
    }
    Duration min = minTtl != null ? minTtl : VippsAllowlist.DEFAULT_MIN_TTL;
    Duration max = maxTtl != null ? maxTtl : VippsAllowlist.DEFAULT_MAX_TTL;
    if (min.compareTo(max) > 0) {
      throw new SettingException(Setting.MIN_TTL, name(Setting.MIN_TTL), null, "'" + name(Setting.MIN_TTL) + "' ("
          + shown(Setting.MIN_TTL, min) + ") is above '" + name(Setting.MAX_TTL) + "' ("
          + shown(Setting.MAX_TTL, max) + ")", null);
    }
    Duration maxStale = duration(Setting.MAX_STALE);
    if (maxStale != null) {
      apply(Setting.MAX_STALE, () -> builder.maxStale(maxStale));
    }
    List<String> hosts = list(Setting.ADDITIONAL_HOSTS);
    if (!hosts.isEmpty()) {
      checkEach(Setting.ADDITIONAL_HOSTS, hosts,
          host -> VippsAllowlist.builder(environment).additionalHosts(List.of(host)));
      apply(Setting.ADDITIONAL_HOSTS, () -> builder.additionalHosts(hosts));
    }
    List<String> addresses = list(Setting.ADDITIONAL_ADDRESSES);
    if (!addresses.isEmpty()) {
      checkEach(Setting.ADDITIONAL_ADDRESSES, addresses, IpRange::parse);
      apply(Setting.ADDITIONAL_ADDRESSES, () -> builder.additionalAddresses(addresses));
    }
    Boolean acceptSpecialPurpose = parse(Setting.ACCEPT_SPECIAL_PURPOSE_ADDRESSES, SettingText::bool);
    if (acceptSpecialPurpose != null) {
      builder.acceptSpecialPurposeAddresses(acceptSpecialPurpose);
    }
    return builder;
  }

  /**
   * The client-address resolver the trusted proxies ask for.
   *
   * @return a resolver trusting the proxies set, or one that ignores forwarded headers when none is
   * @throws SettingException when an entry is not an address or range
   */
  public ClientAddressResolver clientAddressResolver() {
    List<String> proxies = list(Setting.TRUSTED_PROXIES);
    if (proxies.isEmpty()) {
      return ClientAddressResolver.ignoringForwardedHeaders();
    }
    checkEach(Setting.TRUSTED_PROXIES, proxies, IpRange::parse);
    return Objects.requireNonNull(parse(Setting.TRUSTED_PROXIES, text -> ClientAddressResolver.trusting(proxies)));
  }

  /**
   * The {@code Retry-After} of a 503: the setting, at least 1 second as {@link CallbackGuard#checkRetryAfter}
   * takes it, or the table's default.
   *
   * @return the delay
   * @throws SettingException when it is not a duration or below 1 second
   */
  public Duration retryAfter() {
    Duration retryAfter = duration(Setting.RETRY_AFTER);
    if (retryAfter == null) {
      return SettingText.duration(Objects.requireNonNull(Setting.RETRY_AFTER.defaultValue()));
    }
    try {
      return CallbackGuard.checkRetryAfter(retryAfter);
    } catch (IllegalArgumentException e) {
      String text = Objects.requireNonNull(text(Setting.RETRY_AFTER));
      throw refused(Setting.RETRY_AFTER, text, "'" + text + "' must be at least 1s", e);
    }
  }

  /**
   * The mode: {@code enforce} unless set; a blank value is refused, as any other that is not a mode.
   *
   * @return the mode the setting names
   * @throws SettingException when it is not a mode
   */
  public EnforcementMode mode() {
    return Objects.requireNonNullElse(parse(Setting.MODE, EnforcementMode::parse), EnforcementMode.ENFORCE);
  }

  /**
   * A builder of the webhook signature check with this front end's webhook secret (required), date window,
   * public URL, largest body and mode applied. A refusal of the secret names the entry by position and never
   * holds the secret: its {@link SettingException#value()} is {@code null}.
   *
   * @param secretsName what logs and metrics call the secrets, e.g. {@code the secrets of filter webhook}
   * @return the builder, ready to {@code build()}
   * @throws SettingException naming the first setting refused
   */
  public WebhookSignatureCheck.Builder webhookSignatureCheck(String secretsName) {
    WebhookSignatureVerifier.Builder verifier = WebhookSignatureVerifier.builder(webhookSecrets()).name(secretsName);
    Duration dateWindow = duration(Setting.DATE_WINDOW);
    if (dateWindow != null) {
      try {
        verifier.dateWindow(dateWindow);
      } catch (IllegalArgumentException e) {
        String text = Objects.requireNonNull(text(Setting.DATE_WINDOW));
        throw refused(Setting.DATE_WINDOW, text, "'" + text + "' must be from 1s to "
            + SettingText.show(WebhookSignatureVerifier.MAX_DATE_WINDOW), e);
      }
    }
    WebhookSignatureCheck.Builder check = WebhookSignatureCheck.builder(verifier.build());
    String publicUrl = text(Setting.PUBLIC_URL);
    if (publicUrl != null && !publicUrl.isBlank()) {
      checkEach(Setting.PUBLIC_URL, List.of(publicUrl), check::publicUrl);
    }
    String maxBodySize = text(Setting.MAX_BODY_SIZE);
    if (maxBodySize != null && !maxBodySize.isBlank()) {
      check.maxBodySize(Objects.requireNonNull(parse(Setting.MAX_BODY_SIZE,
          text -> SettingText.size(text, WebhookSignatureCheck.MAX_MAX_BODY_SIZE))));
    }
    return check.mode(mode());
  }

  /** The required webhook secrets; a refusal names the setting and the entry's position, never a secret. */
  private List<WebhookSecret> webhookSecrets() {
    String text = text(Setting.WEBHOOK_SECRET);
    String quoted = "'" + name(Setting.WEBHOOK_SECRET) + "'";
    if (text == null) {
      throw new SettingException(Setting.WEBHOOK_SECRET, name(Setting.WEBHOOK_SECRET), null, REQUIRED, null);
    }
    if (text.isBlank()) {
      throw new SettingException(Setting.WEBHOOK_SECRET, name(Setting.WEBHOOK_SECRET), null,
          quoted + " is blank", null);
    }
    try {
      return WebhookSecret.parseList(text);
    } catch (IllegalArgumentException e) {
      // The core's message names the entry by its position, never by its text.
      throw new SettingException(Setting.WEBHOOK_SECRET, name(Setting.WEBHOOK_SECRET), null,
          quoted + " is refused: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a setting with the front end's own parser; a blank text is given to the parser, too.
   *
   * @param setting the setting
   * @param parser reads the text, throwing {@link IllegalArgumentException} when it is bad
   * @param <T> the type of the value
   * @return the value, or {@code null} when the setting is not set
   * @throws SettingException when the parser refuses the text
   */
  public <T> @Nullable T parse(Setting setting, Function<String, T> parser) {
    String text = text(setting);
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw refused(setting, text, reasonOf(e, text), e);
    }
  }

  private @Nullable Duration duration(Setting setting) {
    String text = text(setting);
    return text == null || text.isBlank() ? null : parse(setting, SettingText::duration);
  }

  private List<String> list(Setting setting) {
    String text = text(setting);
    return text == null ? List.of() : SettingText.list(text);
  }

  /** Checks each entry of a list on its own, so that a refusal names it: {@code '10.0.0.1/8' is refused: ...}. */
  private void checkEach(Setting setting, List<String> entries, Consumer<String> check) {
    for (String entry : entries) {
      try {
        check.accept(entry);
      } catch (IllegalArgumentException e) {
        String why = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        String text = Objects.requireNonNullElse(text(setting), entry);
        throw refused(setting, text, "'" + entry + "' is refused: " + why, e);
      }
    }
  }

  private void apply(Setting setting, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      String text = Objects.requireNonNullElse(text(setting), "");
      throw refused(setting, text, reasonOf(e, text), e);
    }
  }

  private SettingException refused(Setting setting, String text, String reason, @Nullable Throwable cause) {
    return new SettingException(setting, name(setting), text, reason, cause);
  }

  private String name(Setting setting) {
    return Objects.requireNonNull(setting.nameIn(spelling), setting::name);
  }

  private String shown(Setting setting, Duration effective) {
    String text = text(setting);
    return text == null || text.isBlank() ? "default " + SettingText.show(effective) : "'" + text.strip() + "'";
  }

  /**
   * The core's reason, quoting the value and without the valid values: {@code 'soon' is not a duration};
   * {@code min-ttl must be at least 1s, was PT0.5S} becomes {@code '500ms' must be at least 1s}.
   */
  static String reasonOf(IllegalArgumentException e, String text) {
    String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    int valid = message.indexOf("; valid");
    if (valid > 0) {
      message = message.substring(0, valid);
    }
    int must = message.indexOf(" must ");
    if (must > 0 && message.indexOf(' ') == must) {
      int was = message.lastIndexOf(", was ");
      message = "'" + text + "'" + message.substring(must, was > must ? was : message.length());
    }
    return message;
  }
}
