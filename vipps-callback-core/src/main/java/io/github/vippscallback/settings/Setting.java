package io.github.vippscallback.settings;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.EnforcementMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Every setting of vipps-callback, once: how each front end spells it (the Spring Boot property, the servlet
 * filters' init-parameter, the firewall tool's flag; {@code null} where a front end does not have it), its
 * default as a user writes it, its valid values and one line of documentation. The servlet init-parameters
 * and the firewall tool's flags are read through {@link SettingReader}; the starter binds its properties
 * with Spring Boot and words its refusals with this table; the reference pages in {@code docs/reference}
 * are tested against it. In the spirit of Caffeine's {@code CaffeineSpec}: one text form per setting, one
 * mapping to the builders.
 */
public enum Setting {

  /** Whose request servers may call back. */
  ENVIRONMENT("vipps.callback.environment", "environment", "--environment", Scope.ADDRESS, null,
      VippsEnvironment.validValues(),
      "Whose request servers may call back: prod (alias production) or test (alias mt)."),
  /** Whether the starter guards anything. */
  ENABLED("vipps.callback.enabled", null, null, Scope.BOTH, "true", SettingText.BOOLEAN,
      "false switches the starter off completely."),
  /** Enforce, or only report. */
  MODE("vipps.callback.mode", "mode", null, Scope.BOTH, "enforce", EnforcementMode.validValues(),
      "report-only checks, logs and counts every request as when enforcing, but lets it through."),
  /** The proxies whose forwarded headers are read. */
  TRUSTED_PROXIES("vipps.callback.trusted-proxies", "trusted-proxies", null, Scope.ADDRESS, null,
      "comma-separated, each " + IpRange.FORMAT, "Your own proxies, whose X-Forwarded-For and Forwarded are read."),
  /** More host names to resolve. */
  ADDITIONAL_HOSTS("vipps.callback.additional-hosts", "additional-hosts", null, Scope.ADDRESS, null,
      "comma-separated, each " + VippsAllowlist.HOST_FORMAT,
      "More host names to resolve and allow, besides the environment's request servers."),
  /** Addresses always allowed. */
  ADDITIONAL_ADDRESSES("vipps.callback.additional-addresses", "additional-addresses", null, Scope.ADDRESS, null,
      "comma-separated, each " + IpRange.FORMAT,
      "Addresses or CIDR ranges always allowed, e.g. 127.0.0.1 for local tests."),
  /** More guarded path patterns (the starter only). */
  PATHS("vipps.callback.paths", null, null, Scope.ADDRESS, null,
      "path patterns starting with '/', e.g. /vipps/callbacks/**",
      "More path patterns to guard for every HTTP method, besides the @VippsCallback endpoints."),
  /** The {@code Retry-After} of a 503. */
  RETRY_AFTER("vipps.callback.retry-after", "retry-after", null, Scope.ADDRESS, "60s",
      "at least 1s; " + SettingText.DURATION,
      "The Retry-After of the 503 sent while no request-server address is known."),
  /** The DNS servers to ask. */
  DNS_SERVERS("vipps.callback.dns.servers", "dns-servers", "--dns-server", Scope.ADDRESS, null,
      "comma-separated, each " + VippsAllowlist.DNS_SERVER_FORMAT,
      "The DNS servers to ask; none: the system's resolvers."),
  /** How long one DNS query may take. */
  DNS_TIMEOUT("vipps.callback.dns.timeout", "dns-timeout", null, Scope.ADDRESS, "2s",
      "a positive duration; " + SettingText.DURATION, "How long one DNS query may take before it is retried."),
  /** The shortest refresh interval. */
  MIN_TTL("vipps.callback.dns.min-ttl", "min-ttl", "--min-ttl", Scope.ADDRESS, "30s",
      "at least 1s and not above max-ttl; " + SettingText.DURATION,
      "The shortest time between two lookups of a host, whatever the record's TTL says."),
  /** The longest refresh interval. */
  MAX_TTL("vipps.callback.dns.max-ttl", "max-ttl", "--max-ttl", Scope.ADDRESS, "5m",
      "at least 1s and not below min-ttl; " + SettingText.DURATION,
      "The longest time between two lookups of a host, whatever the record's TTL says."),
  /** How long last known good addresses outlive a DNS outage. */
  MAX_STALE("vipps.callback.dns.max-stale", "max-stale", null, Scope.ADDRESS, "24h",
      "zero or more; " + SettingText.DURATION,
      "How long a host keeps its last known good addresses while DNS fails."),
  /** Whether DNS may bring special-purpose addresses (local testing only). */
  ACCEPT_SPECIAL_PURPOSE_ADDRESSES("vipps.callback.dns.accept-special-purpose-addresses",
      "accept-special-purpose-addresses", "--accept-special-purpose-addresses", Scope.ADDRESS, "false",
      SettingText.BOOLEAN,
      "For local testing only: take loopback, private and other special-purpose addresses from DNS."),
  /** The webhook secret or secrets. */
  WEBHOOK_SECRET("vipps.callback.webhook.secret", "webhook-secret", null, Scope.SIGNATURE, null,
      "one or more secrets separated by commas, each optionally label:secret; none blank, none twice",
      "The secret Vipps returned when the webhook was registered, or several (a rotation)."),
  /** Webhook secrets by path pattern (the starter only). */
  WEBHOOK_SECRETS("vipps.callback.webhook.secrets", null, null, Scope.SIGNATURE, null,
      "keys: path patterns starting with '/'; values: as webhook secret", "Secrets by path pattern."),
  /** The public base URL Vipps calls. */
  PUBLIC_URL("vipps.callback.webhook.public-url", "public-url", null, Scope.SIGNATURE, null,
      "an http or https URL without query", "The public base URL Vipps calls, when a proxy stands between."),
  /** The largest webhook body. */
  MAX_BODY_SIZE("vipps.callback.webhook.max-body-size", "max-body-size", null, Scope.SIGNATURE, "64KB",
      SettingText.SIZE + ", from 1B to 10MB", "The largest webhook body; larger ones get 413."),
  /** How far {@code x-ms-date} may be from the clock. */
  DATE_WINDOW("vipps.callback.webhook.date-window", "date-window", null, Scope.SIGNATURE, "5m",
      "from 1s to 1h; " + SettingText.DURATION, "How far x-ms-date may be from the clock, either side.");

  /** The ways a setting is written, one per front end. */
  public enum Spelling {
    /** A Spring Boot property, e.g. {@code vipps.callback.dns.min-ttl}. */
    PROPERTY,
    /** A servlet filter init-parameter, e.g. {@code min-ttl}. */
    INIT_PARAMETER,
    /** A flag of the firewall tool, e.g. {@code --min-ttl}. */
    FLAG
  }

  /** Which check a setting configures. */
  enum Scope { ADDRESS, SIGNATURE, BOTH }

  private final String property;
  private final @Nullable String initParameter;
  private final @Nullable String flag;
  private final Scope scope;
  private final @Nullable String defaultValue;
  private final String validValues;
  private final String doc;

  Setting(String property, @Nullable String initParameter, @Nullable String flag, Scope scope,
      @Nullable String defaultValue, String validValues, String doc) {
    this.property = property;
    this.initParameter = initParameter;
    this.flag = flag;
    this.scope = scope;
    this.defaultValue = defaultValue;
    this.validValues = validValues;
    this.doc = doc;
  }

  /**
   * The Spring Boot property, e.g. {@code vipps.callback.dns.min-ttl}.
   *
   * @return the property's full name
   */
  public String property() {
    return property;
  }

  /**
   * How {@code spelling}'s front end names this setting.
   *
   * @param spelling the front end
   * @return the name as a user writes it there, or {@code null} when that front end has no such setting
   */
  public @Nullable String nameIn(Spelling spelling) {
    return switch (spelling) {
      case PROPERTY -> property;
      case INIT_PARAMETER -> initParameter;
      case FLAG -> flag;
    };
  }

  /**
   * The default as a user writes it, e.g. {@code 30s}.
   *
   * @return the default, or {@code null} when there is none (required, empty or not set)
   */
  public @Nullable String defaultValue() {
    return defaultValue;
  }

  /**
   * What a valid value looks like, for error messages and the reference pages.
   *
   * @return the valid values, e.g. {@code prod, production, test, mt}
   */
  public String validValues() {
    return validValues;
  }

  /**
   * One line of documentation.
   *
   * @return what the setting does
   */
  public String doc() {
    return doc;
  }

  /**
   * Whether this setting configures the address check (else only the webhook signature check).
   *
   * @return {@code true} for the address check's settings and those of both checks
   */
  public boolean configuresAddressCheck() {
    return scope != Scope.SIGNATURE;
  }

  /**
   * Whether this setting configures the webhook signature check.
   *
   * @return {@code true} for the signature check's settings and those of both checks
   */
  public boolean configuresSignatureCheck() {
    return scope != Scope.ADDRESS;
  }

  /** Whether the valid values are a closed list ({@code prod, ...}) rather than a form ({@code 30s, ...}). */
  boolean listsValues() {
    return this == ENVIRONMENT || this == ENABLED || this == MODE || this == ACCEPT_SPECIAL_PURPOSE_ADDRESSES;
  }

  /**
   * The settings a front end has, in the table's order.
   *
   * @param spelling the front end
   * @return the settings with a name in {@code spelling}
   */
  public static List<Setting> in(Spelling spelling) {
    List<Setting> settings = new ArrayList<>();
    for (Setting setting : values()) {
      if (setting.nameIn(spelling) != null) {
        settings.add(setting);
      }
    }
    return List.copyOf(settings);
  }

  /**
   * The known name closest to a misspelt one, for an "unknown setting" message.
   *
   * @param names the known names
   * @param name the name as written
   * @return the known name at most three edits away, or {@code null} when none is that close
   */
  public static @Nullable String closest(List<String> names, String name) {
    String best = null;
    int bestDistance = 4;
    for (String known : names) {
      int distance = editDistance(name.toLowerCase(Locale.ROOT), known);
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
