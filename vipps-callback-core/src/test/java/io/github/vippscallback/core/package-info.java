/** Tests of the framework-free core. */
@NullMarked
package io.github.vippscallback.core;

import org.jspecify.annotations.NullMarked;
