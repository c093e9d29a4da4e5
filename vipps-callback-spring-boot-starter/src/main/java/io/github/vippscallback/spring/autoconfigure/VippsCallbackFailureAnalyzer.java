package io.github.vippscallback.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Explains a {@link VippsCallbackConfigurationException}: which property, which value, what is valid. */
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's BindFailureAnalyzer: a typed property's failure carries ours
final class VippsCallbackFailureAnalyzer extends AbstractFailureAnalyzer<VippsCallbackConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, VippsCallbackConfigurationException cause) {
    String value = cause.value();
    String description = "The Vipps callback guard cannot start:\n\n"
        + "    Property: " + cause.property() + "\n"
        + "    Value:    " + (value == null ? "(not set)" : "'" + value + "'") + "\n"
        + "    Reason:   " + cause.reason() + "\n";
    String action = (value == null ? "Set " : "Change ") + cause.property() + ". Valid values: "
        + cause.validValues() + ".";
    return new FailureAnalysis(description, action, cause);
  }
}
