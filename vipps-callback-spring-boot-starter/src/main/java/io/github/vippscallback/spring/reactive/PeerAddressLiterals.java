package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.address.PeerAddressText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * The peer address of an exchange as an IP literal, without a new string per request: a server keeps one
 * {@link InetSocketAddress} per connection (Reactor Netty: the channel's), so each thread remembers the
 * literal of the last addresses it saw, by identity, in a small direct-mapped table. A connection's later
 * requests then allocate nothing here, as the servlet path's {@code getRemoteAddr()} (cached per
 * connection by the container). Entries are replaced, never grown; an {@code InetSocketAddress} is
 * immutable, so a remembered literal is always its own.
 */
final class PeerAddressLiterals {

  private static final int SLOTS = 64; // a power of two
  private static final ThreadLocal<Table> TABLES = ThreadLocal.withInitial(Table::new);

  private PeerAddressLiterals() {}

  /**
   * The address as an IP literal, or {@code null} when there is none. An unresolved address (header
   * text, from a forwarded-header transformer) gives its host string, with the brackets of exactly one
   * bracketed IPv6 literal taken off ({@link PeerAddressText#unbracketed}); when that is not a strict
   * literal the guard refuses it as an unreadable peer, naming the text. Nothing here resolves a name. A
   * resolved address is Reactor Netty's channel address, whose {@code getHostAddress()} is never
   * bracketed.
   */
  static @Nullable String of(@Nullable InetSocketAddress remote) {
    if (remote == null) {
      return null;
    }
    InetAddress address = remote.getAddress();
    if (address == null) {
      // Unresolved: never cached, a transformer makes one per request.
      return PeerAddressText.unbracketed(remote.getHostString());
    }
    Table table = TABLES.get();
    int slot = System.identityHashCode(remote) & (SLOTS - 1);
    if (table.keys[slot] == remote) {
      return table.literals[slot];
    }
    String literal = address.getHostAddress();
    table.keys[slot] = remote;
    table.literals[slot] = literal;
    return literal;
  }

  /** One thread's remembered literals. */
  private static final class Table {
    final @Nullable InetSocketAddress[] keys = new InetSocketAddress[SLOTS];
    final @Nullable String[] literals = new String[SLOTS];
  }
}
