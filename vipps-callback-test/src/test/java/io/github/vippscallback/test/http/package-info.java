/** Tests of the HTTP test support. */
@NullMarked
package io.github.vippscallback.test.http;

import org.jspecify.annotations.NullMarked;
