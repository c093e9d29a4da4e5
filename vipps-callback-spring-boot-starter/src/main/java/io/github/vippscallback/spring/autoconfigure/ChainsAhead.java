package io.github.vippscallback.spring.autoconfigure;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The search both chain-order checks share ({@link SecurityChainOrderCheck} on servlets, {@link
 * ReactiveSecurityChainOrderCheck} on WebFlux): for every guarded endpoint, each path pattern filled in
 * ({@link RepresentativePath}) and each of its methods, asks the chains ordered ahead of the starter's, in
 * order, whether one would take the request. Free of either web stack's types.
 *
 * @param <C> the stack's chain type
 */
final class ChainsAhead<C> {

  /** How a stack asks one of its chains about a representative request. */
  @FunctionalInterface
  interface Question<C> {
    /** Whether {@code chain} takes a request of {@code method} for {@code path} (within the application). */
    boolean takes(C chain, String method, String path);
  }

  private static final List<String> EVERY_METHOD = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final List<C> ahead;
  private final Function<C, String> names;
  private final Question<C> question;

  /**
   * @param ahead the chains ordered before the starter's, in order
   * @param names each chain's bean name or description, for messages
   * @param question how to ask a chain
   */
  ChainsAhead(List<C> ahead, Function<C, String> names, Question<C> question) {
    this.ahead = List.copyOf(ahead);
    this.names = names;
    this.question = question;
  }

  /**
   * Checks that no chain ahead takes a guarded endpoint.
   *
   * @param starterChain the bean name of the starter's chain
   * @param orderConstant where the starter's chain is ordered, as a user writes it in code
   * @throws VippsCallbackNotGuardedException naming every shadowed endpoint and the chains, or a chain that
   *     could not be asked
   */
  void verify(List<CallbackEndpoint> guarded, String starterChain, String orderConstant) {
    List<String> findings = new ArrayList<>();
    Set<String> shadowing = new LinkedHashSet<>();
    for (CallbackEndpoint endpoint : guarded) {
      String path = RepresentativePath.of(endpoint.pattern());
      findEndpoint:
      for (String method : methodsOf(endpoint)) {
        for (C chain : ahead) {
          String name = names.apply(chain);
          String checked = endpoint + " (checked as " + method + " " + path + ")";
          boolean takes;
          try {
            takes = question.takes(chain, method, path);
          } catch (RuntimeException e) {
            throw VippsCallbackNotGuardedException.undecidable(name, checked, e, orderConstant);
          }
          if (takes) {
            findings.add(checked + ": chain '" + name + "'");
            shadowing.add(name);
            break findEndpoint;
          }
        }
      }
    }
    if (!findings.isEmpty()) {
      throw VippsCallbackNotGuardedException.shadowedBy(starterChain, orderConstant, findings, List.copyOf(shadowing));
    }
  }

  /** Where {@code chain} itself (not an equal one) stands in {@code chains}; -1 when it is not there. */
  @SuppressWarnings("ReferenceEquality") // the very chain bean, not an equal one
  static <C> int indexOf(List<C> chains, C chain) {
    for (int i = 0; i < chains.size(); i++) {
      if (chains.get(i) == chain) {
        return i;
      }
    }
    return -1;
  }

  /** The bean name of each {@code type} bean, by identity. */
  static <C> IdentityHashMap<C, String> beanNames(ListableBeanFactory beanFactory, Class<C> type) {
    IdentityHashMap<C, String> names = new IdentityHashMap<>();
    for (Map.Entry<String, C> entry : beanFactory.getBeansOfType(type).entrySet()) {
      names.put(entry.getValue(), entry.getKey());
    }
    return names;
  }

  /** The methods to ask about: every method for an endpoint of any; HEAD with GET (GET's handler answers HEAD). */
  static List<String> methodsOf(CallbackEndpoint endpoint) {
    if (endpoint.anyMethod()) {
      return EVERY_METHOD;
    }
    List<String> methods = new ArrayList<>(endpoint.methods());
    if (methods.contains("GET") && !methods.contains("HEAD")) {
      methods.add("HEAD");
    }
    return methods;
  }
}
