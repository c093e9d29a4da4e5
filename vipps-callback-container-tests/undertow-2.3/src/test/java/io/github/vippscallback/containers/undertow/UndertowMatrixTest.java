package io.github.vippscallback.containers.undertow;

import io.github.vippscallback.containers.ContainerMatrixTest;
import io.github.vippscallback.containers.ServletContainer;

/** The matrix on embedded Undertow 2.3, which initialises filters lazily. */
class UndertowMatrixTest extends ContainerMatrixTest {

  @Override
  protected ServletContainer container() {
    return new EmbeddedUndertow();
  }
}
