package io.github.vippscallback.samples.allowlist;

/** The process exit codes of the tool, part of its contract with scripts. */
final class ExitCode {

  /** A set was printed (or, with {@code --watch}, the tool was stopped after printing). */
  static final int OK = 0;
  /** Something unexpected went wrong, e.g. the tool was interrupted. */
  static final int FAILURE = 1;
  /** The command line is wrong: the usage text and what is wrong were printed. */
  static final int USAGE = 2;
  /** No request server could be resolved, so there is no set to print. */
  static final int NOTHING_RESOLVED = 3;

  private ExitCode() {}
}
