package io.github.vippscallback.samples.allowlist;

/** The command line is wrong; the message says what is wrong, naming the option and the valid values. */
final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
