package io.github.vippscallback.spring.testapp;

/** What a test handler answers, so a test sees which handler a request reached. */
public final class Reached {

  private Reached() {}

  /** The body of a handler named {@code name}. */
  public static String body(String name) {
    return "reached " + name;
  }
}
