/**
 * {@code vipps-firewall-allowlist}: a command-line tool that prints the addresses of Vipps' request
 * servers in a firewall's own format and, with {@code --watch}, prints them again (or runs a command)
 * whenever DNS changes them. Built on {@code vipps-callback-core} alone.
 */
@NullMarked
package io.github.vippscallback.samples.allowlist;

import org.jspecify.annotations.NullMarked;
