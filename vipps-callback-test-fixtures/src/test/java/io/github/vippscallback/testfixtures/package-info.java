/** Checks of the build itself that no published module should carry. */
@NullMarked
package io.github.vippscallback.testfixtures;

import org.jspecify.annotations.NullMarked;
