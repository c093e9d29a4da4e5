package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.settings.Setting;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * The one place that turns the text of a typed {@code vipps.callback.*} property into its core type, and
 * knows what a valid text looks like: Spring Boot's binder converts with it (it is registered as a {@code
 * @ConfigurationPropertiesBinding} converter), and {@link PropertyBindFailures} words a value it refuses with
 * it. The parsing itself is the core type's own ({@code VippsEnvironment.parse}, {@code EnforcementMode.parse},
 * {@code IpRange.parse}), the same that init-parameters and the firewall tool use.
 *
 * <p>Spring Boot binds a blank value as not set: {@code vipps.callback.environment=} is refused as "not
 * chosen", a blank {@code mode} keeps {@code enforce} and blank lists stay empty (the strict defaults). Should a
 * blank text reach this converter, only the environment's reads as not set; any other is refused.
 */
final class PropertyTypes implements GenericConverter {

  /** How one type is read from text, why a text is refused, and what is valid instead. */
  record Type(Class<?> type, Function<String, Object> parse, Function<IllegalArgumentException, String> reason,
      String validValues) {

    /** Why {@code text} is refused, or {@code null} when it parses. */
    @Nullable String refusal(String text) {
      try {
        Objects.requireNonNull(parse.apply(text));
        return null;
      } catch (IllegalArgumentException e) {
        return reason.apply(e);
      }
    }
  }

  private static final Map<Class<?>, Type> TYPES = types(
      new Type(VippsEnvironment.class, VippsEnvironment::parse, e -> "not a Vipps environment",
          Setting.ENVIRONMENT.validValues()),
      new Type(EnforcementMode.class, EnforcementMode::parse, e -> "not a mode", Setting.MODE.validValues()),
      new Type(IpRange.class, IpRange::parse, PropertyTypes::message, IpRange.FORMAT));

  private static final Set<ConvertiblePair> PAIRS = pairs();

  /** The type {@code type} is read as, or {@code null} when it is not one of these. */
  static @Nullable Type of(@Nullable Class<?> type) {
    return type == null ? null : TYPES.get(type);
  }

  @Override
  public Set<ConvertiblePair> getConvertibleTypes() {
    return PAIRS;
  }

  @Override
  public @Nullable Object convert(@Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
    Type type = TYPES.get(targetType.getType());
    if (source == null || type == null) {
      return null;
    }
    String text = source.toString();
    if (text.isBlank() && type.type() == VippsEnvironment.class) {
      return null; // "not set": the start-up then says the environment must be chosen explicitly
    }
    return type.parse().apply(text.strip());
  }

  static String message(IllegalArgumentException e) {
    @Nullable String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static Map<Class<?>, Type> types(Type... types) {
    Map<Class<?>, Type> map = new LinkedHashMap<>();
    for (Type type : types) {
      map.put(type.type(), type);
    }
    return Map.copyOf(map);
  }

  private static Set<ConvertiblePair> pairs() {
    Set<ConvertiblePair> pairs = new LinkedHashSet<>();
    for (Class<?> type : TYPES.keySet()) {
      pairs.add(new ConvertiblePair(String.class, type));
    }
    return Set.copyOf(pairs);
  }
}
