package io.github.vippscallback.spring.autoconfigure;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;
import org.springframework.util.StringUtils;

/**
 * Words a typed {@code vipps.callback.*} value that Spring Boot's binder could not convert as every other
 * bad setting of the starter is worded: a {@link VippsCallbackConfigurationException} naming the property (with
 * the index of the bad entry of a list, also of a comma-separated one), the value as typed, why it is refused
 * and the valid values ({@link PropertyTypes}). Other properties' failures are left as they are.
 */
final class PropertyBindFailures implements ConfigurationPropertiesBindHandlerAdvisor {

  private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(VippsCallbackProperties.PREFIX);

  @Override
  public BindHandler apply(BindHandler bindHandler) {
    return new AbstractBindHandler(bindHandler) {
      @Override
      public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
          Exception error) throws Exception {
        if (!(error instanceof BindException) && PREFIX.isAncestorOf(name)) {
          PropertyTypes.Type type = PropertyTypes.of(elementType(target.getType()));
          ConfigurationProperty property = context.getConfigurationProperty();
          if (type != null && property != null) {
            throw refused(name.toString(), String.valueOf(property.getValue()), type, isList(target.getType()), error);
          }
        }
        return super.onFailure(name, target, context, error);
      }
    };
  }

  /** The first entry that {@code type} refuses, as a configuration exception; the whole value when none does. */
  static VippsCallbackConfigurationException refused(
      String property, String value, PropertyTypes.Type type, boolean list, Exception error) {
    List<String> entries = list ? List.of(StringUtils.commaDelimitedListToStringArray(value)) : List.of(value);
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i).strip();
      @Nullable String refusal = type.refusal(entry);
      if (refusal != null) {
        return new VippsCallbackConfigurationException(
            list ? property + "[" + i + "]" : property, entry, refusal, type.validValues(), error);
      }
    }
    // Every entry parses, so the binder did not convert with the starter's converter: Spring Boot binds
    // configuration properties with an application bean named 'conversionService' (and its own defaults)
    // instead of the converter beans when there is one.
    return new VippsCallbackConfigurationException(property, value, "the value is valid, but Spring Boot did not"
        + " convert it with the starter's converter (bean 'vippsCallbackPropertyTypes'): when the application"
        + " defines a bean named 'conversionService', Spring Boot binds configuration properties with that instead."
        + " Add the application's converter beans to it (ApplicationConversionService.addBeans) or name it"
        + " otherwise", type.validValues(), error);
  }

  private static boolean isList(ResolvableType type) {
    return Collection.class.isAssignableFrom(type.toClass());
  }

  private static @Nullable Class<?> elementType(ResolvableType type) {
    return isList(type) ? type.asCollection().resolveGeneric(0) : type.resolve();
  }
}
