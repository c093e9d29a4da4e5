/** Tests of the test kit's Spring TestContext hook. */
@NullMarked
package io.github.vippscallback.test.spring;

import org.jspecify.annotations.NullMarked;
