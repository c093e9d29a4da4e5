/** Tests of the JUnit 5 extension, run as a user's test class would use it. */
@NullMarked
package io.github.vippscallback.test.junit;

import org.jspecify.annotations.NullMarked;
