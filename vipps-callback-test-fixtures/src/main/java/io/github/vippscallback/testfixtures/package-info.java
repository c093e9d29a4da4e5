/**
 * Fixtures this project's own tests share across modules; not published. Nothing here depends on
 * vipps-callback-core, whose tests use it too.
 */
@NullMarked
package io.github.vippscallback.testfixtures;

import org.jspecify.annotations.NullMarked;
