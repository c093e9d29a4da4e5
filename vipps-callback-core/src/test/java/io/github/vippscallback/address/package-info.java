/** Tests of IP-literal parsing, address sets and client-address resolution. */
@NullMarked
package io.github.vippscallback.address;

import org.jspecify.annotations.NullMarked;
