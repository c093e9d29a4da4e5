/**
 * Tests of the kit's MockMvc support, used the way the testing guide shows it. They live in the starter's
 * tests because they run the servlet module's signature filter, and the kit must not depend on that
 * module (whose own tests depend on the kit).
 */
@NullMarked
package io.github.vippscallback.test.mockmvc;

import org.jspecify.annotations.NullMarked;
