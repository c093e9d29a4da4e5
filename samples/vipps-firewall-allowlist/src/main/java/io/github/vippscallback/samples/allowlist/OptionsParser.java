package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.allowlist.VippsEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the command-line arguments into {@link Options}. Options take their value as the next argument
 * ({@code --format nginx}) or after an equals sign ({@code --format=nginx}). Every mistake is a
 * {@link UsageException} naming the option, the bad value and the valid values.
 */
final class OptionsParser {

  static final String ENVIRONMENT = "--environment";
  static final String DNS_SERVER = "--dns-server";
  static final String FORMAT = "--format";
  static final String MIN_TTL = "--min-ttl";
  static final String MAX_TTL = "--max-ttl";
  static final String WATCH = "--watch";
  static final String ON_CHANGE = "--on-change";
  static final String HELP = "--help";

  private static final String KNOWN_OPTIONS =
      "--environment, --dns-server, --format, --min-ttl, --max-ttl, --watch, --on-change, --help";

  private OptionsParser() {}

  /** Whether the arguments ask for the usage text, wherever {@code --help} (or {@code -h}) appears. */
  static boolean asksForHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals(HELP) || arg.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  static Options parse(String[] args) throws UsageException {
    @Nullable VippsEnvironment environment = null;
    List<String> dnsServers = new ArrayList<>();
    @Nullable OutputFormat format = null;
    @Nullable Duration minTtl = null;
    @Nullable Duration maxTtl = null;
    boolean watch = false;
    @Nullable String onChange = null;

    ArgumentCursor cursor = new ArgumentCursor(args);
    while (cursor.hasNext()) {
      String option = cursor.nextOption();
      switch (option) {
        case ENVIRONMENT -> {
          rejectRepeat(option, environment);
          environment = parseEnvironment(cursor.value(option));
        }
        case DNS_SERVER -> dnsServers.add(nonBlank(option, cursor.value(option)));
        case FORMAT -> {
          rejectRepeat(option, format);
          format = OutputFormat.parse(cursor.value(option));
        }
        case MIN_TTL -> {
          rejectRepeat(option, minTtl);
          minTtl = DurationOption.parse(option, cursor.value(option));
        }
        case MAX_TTL -> {
          rejectRepeat(option, maxTtl);
          maxTtl = DurationOption.parse(option, cursor.value(option));
        }
        case WATCH -> {
          cursor.noValue(option);
          watch = true;
        }
        case ON_CHANGE -> {
          rejectRepeat(option, onChange);
          onChange = nonBlank(option, cursor.value(option));
        }
        default -> throw new UsageException(option.startsWith("-")
            ? "unknown option '" + option + "'; valid options are " + KNOWN_OPTIONS
            : "unexpected argument '" + option + "'; options start with --, e.g. --environment prod");
      }
    }
    if (environment == null) {
      throw new UsageException(ENVIRONMENT + " is required; valid values are "
          + VippsEnvironment.validValues());
    }
    if (onChange != null && !watch) {
      throw new UsageException(ON_CHANGE + " needs " + WATCH + ": the command runs whenever the set changes");
    }
    if (minTtl != null && maxTtl != null && minTtl.compareTo(maxTtl) > 0) {
      throw new UsageException(MIN_TTL + " (" + minTtl + ") must not be longer than "
          + MAX_TTL + " (" + maxTtl + ")");
    }
    return new Options(environment, dnsServers, format == null ? OutputFormat.PLAIN : format,
        minTtl, maxTtl, watch, onChange);
  }

  private static VippsEnvironment parseEnvironment(String value) throws UsageException {
    try {
      return VippsEnvironment.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(ENVIRONMENT + " '" + value + "' is not an environment; valid values are "
          + VippsEnvironment.validValues());
    }
  }

  private static String nonBlank(String option, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(option + " needs a value that is not blank");
    }
    return value;
  }

  private static void rejectRepeat(String option, @Nullable Object earlier) throws UsageException {
    if (earlier != null) {
      throw new UsageException(option + " is given more than once; give it once");
    }
  }

  /** Walks the arguments, splitting {@code --option=value}. */
  private static final class ArgumentCursor {

    private final String[] args;
    private int next;
    private @Nullable String inlineValue;

    ArgumentCursor(String[] args) {
      this.args = args.clone();
    }

    boolean hasNext() {
      return next < args.length;
    }

    String nextOption() {
      String arg = args[next++];
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        inlineValue = arg.substring(equals + 1);
        return arg.substring(0, equals);
      }
      inlineValue = null;
      return arg;
    }

    String value(String option) throws UsageException {
      String inline = inlineValue;
      if (inline != null) {
        inlineValue = null;
        return inline;
      }
      if (next >= args.length || args[next].startsWith("--")) {
        throw new UsageException(option + " needs a value");
      }
      return args[next++];
    }

    void noValue(String option) throws UsageException {
      if (inlineValue != null) {
        throw new UsageException(option + " takes no value, but was given '" + inlineValue + "'");
      }
    }
  }
}
