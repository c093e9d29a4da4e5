package io.github.vippscallback.samples.allowlist;

import java.util.concurrent.CompletableFuture;

/**
 * The {@code vipps-firewall-allowlist} command: prints the addresses of Vipps' request servers in a
 * firewall's format and, with {@code --watch}, keeps them up to date. Run it with {@code --help} for
 * the options; exit codes are 0 (a set was printed), 2 (bad usage) and 3 (nothing could be resolved).
 */
public final class VippsFirewallAllowlist {

  private VippsFirewallAllowlist() {}

  /**
   * Runs the tool and exits with its exit code. With {@code --watch} it runs until it is stopped
   * (e.g. by SIGTERM).
   *
   * @param args the command line, see {@code --help}
   */
  public static void main(String[] args) {
    int exitCode = new AllowlistCommand(System.out, System.err, new CompletableFuture<Void>()).run(args);
    System.out.flush();
    System.exit(exitCode);
  }
}
