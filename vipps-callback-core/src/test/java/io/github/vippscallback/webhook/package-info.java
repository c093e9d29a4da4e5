/** Tests of webhook signatures and callback tokens. */
@NullMarked
package io.github.vippscallback.webhook;

import org.jspecify.annotations.NullMarked;
