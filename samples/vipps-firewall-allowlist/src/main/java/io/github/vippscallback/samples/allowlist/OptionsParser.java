package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.settings.Setting;
import io.github.vippscallback.settings.SettingException;
import io.github.vippscallback.settings.SettingReader;
import io.github.vippscallback.settings.SettingText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the command-line arguments into {@link Options}. Options take their value as the next argument
 * ({@code --format nginx}) or after an equals sign ({@code --format=nginx}). The library's settings are the
 * flags of the core's settings table ({@link Setting}), read by its {@link SettingReader} as the servlet
 * filters read their init-parameters; {@code --format}, {@code --watch}, {@code --on-change} and {@code
 * --help} are the tool's own. Every mistake is a {@link UsageException} naming the option, the bad value and
 * the valid values.
 */
final class OptionsParser {

  static final String FORMAT = "--format";
  static final String WATCH = "--watch";
  static final String ON_CHANGE = "--on-change";
  static final String HELP = "--help";

  /** The flags of the library's settings, from the table. */
  private static final Map<String, Setting> SETTINGS = settings();

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
    Map<String, String> settings = new HashMap<>();
    @Nullable OutputFormat format = null;
    boolean watch = false;
    @Nullable String onChange = null;

    ArgumentCursor cursor = new ArgumentCursor(args);
    while (cursor.hasNext()) {
      String option = cursor.nextOption();
      Setting setting = SETTINGS.get(option);
      if (setting != null && setting.validValues().equals(SettingText.BOOLEAN)) {
        cursor.noValue(option);
        settings.put(option, "true");
      } else if (setting == Setting.DNS_SERVERS) {
        settings.merge(option, nonBlank(option, cursor.value(option)), (earlier, next) -> earlier + "," + next);
      } else if (setting != null) {
        rejectRepeat(option, settings.get(option));
        settings.put(option, nonBlank(option, cursor.value(option)));
      } else {
        switch (option) {
          case FORMAT -> {
            rejectRepeat(option, format);
            format = OutputFormat.parse(cursor.value(option));
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
              ? "unknown option '" + option + "'; valid options are " + String.join(", ", knownOptions())
              : "unexpected argument '" + option + "'; options start with --, e.g. --environment prod");
        }
      }
    }
    VippsEnvironment environment = read(settings, SettingReader::environment);
    if (onChange != null && !watch) {
      throw new UsageException(ON_CHANGE + " needs " + WATCH + ": the command runs whenever the set changes");
    }
    read(settings, SettingReader::allowlist); // every setting is checked before anything starts
    return new Options(environment, settings, format == null ? OutputFormat.PLAIN : format, watch, onChange);
  }

  /** The allowlist the options' settings describe, built, not started. */
  static VippsAllowlist allowlist(Options options) throws UsageException {
    VippsAllowlist.Builder builder = read(options.settings(), SettingReader::allowlist);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() == null ? "the options contradict each other" : e.getMessage());
    }
  }

  private interface Read<T> {
    T from(SettingReader reader);
  }

  private static <T> T read(Map<String, String> settings, Read<T> read) throws UsageException {
    try {
      return read.from(SettingReader.of(Setting.Spelling.FLAG, settings::get));
    } catch (SettingException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  private static List<String> knownOptions() {
    List<String> known = new ArrayList<>(SETTINGS.keySet());
    known.addAll(List.of(FORMAT, WATCH, ON_CHANGE, HELP));
    return known;
  }

  private static Map<String, Setting> settings() {
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (Setting setting : Setting.in(Setting.Spelling.FLAG)) {
      settings.put(Objects.requireNonNull(setting.nameIn(Setting.Spelling.FLAG)), setting);
    }
    return settings;
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
