/** Tests that the testing guide shows real code. */
@NullMarked
package io.github.vippscallback.test.docs;

import org.jspecify.annotations.NullMarked;
