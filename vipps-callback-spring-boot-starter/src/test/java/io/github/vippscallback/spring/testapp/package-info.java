/** Small applications and controllers the starter's tests run against. */
@NullMarked
package io.github.vippscallback.spring.testapp;

import org.jspecify.annotations.NullMarked;
