package io.github.vippscallback.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link VippsCallbackNotGuardedException}: what would be unguarded, why, and what to do. */
final class VippsCallbackNotGuardedFailureAnalyzer extends AbstractFailureAnalyzer<VippsCallbackNotGuardedException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, VippsCallbackNotGuardedException cause) {
    return new FailureAnalysis(
        "The Vipps callback endpoints would not be guarded:\n\n" + cause.description(), cause.action(), cause);
  }
}
