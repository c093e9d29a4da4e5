package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.actuate.AllowlistSnapshot;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

/** The starter's runtime hints cover what it reaches reflectively, and Spring AOT finds them. */
class VippsCallbackRuntimeHintsTests {

  private final RuntimeHints hints = registered();

  private static RuntimeHints registered() {
    RuntimeHints hints = new RuntimeHints();
    AotServices.factories().load(RuntimeHintsRegistrar.class)
        .forEach(registrar -> registrar.registerHints(hints, VippsCallbackRuntimeHintsTests.class.getClassLoader()));
    return hints;
  }

  @Test
  void springAotFindsTheStartersRegistrar() {
    assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
        .hasAtLeastOneElementOfType(VippsCallbackRuntimeHints.class);
  }

  @Test
  void representativeRequestProxyOfStartUpCheckIsDeclared() {
    Class<?>[] interfaces = RepresentativeRequest.of("POST", "", "", "/vipps/x", null).getClass().getInterfaces();

    assertThat(interfaces).containsExactly(HttpServletRequest.class);
    assertThat(RuntimeHintsPredicates.proxies().forInterfaces(interfaces)).accepts(hints);
  }

  @Test
  void synthesizedVippsCallbackAnnotationIsDeclared() {
    assertThat(RuntimeHintsPredicates.proxies().forInterfaces(VippsCallback.class)).accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(VippsCallback.class, "signature"))
        .accepts(hints);
  }

  @Test
  void failureAnalyzersCanBeInstantiated() {
    assertThat(RuntimeHintsPredicates.reflection().onType(VippsCallbackFailureAnalyzer.class)
        .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onType(VippsCallbackNotGuardedFailureAnalyzer.class)
        .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
  }

  @Test
  void healthDetailsAndEndpointResponseCanBeWrittenAsJson() {
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AllowlistSnapshot.class, "entries"))
        .accepts(hints);
    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AllowlistSnapshot.Host.class, "host"))
        .accepts(hints);
  }
}
