/** Tests of the stack-neutral guard: its answers, its log lines and their sanitiser and rate limit. */
@NullMarked
package io.github.vippscallback.guard;

import org.jspecify.annotations.NullMarked;

