package io.github.vippscallback.containers.payara;

import io.github.vippscallback.containers.ContainerMatrixTest;
import io.github.vippscallback.containers.ServletContainer;
import java.util.stream.Stream;

/**
 * The matrix on Payara Micro 7, a full Jakarta EE server, with the filters declared in a WAR's web.xml
 * (a WAR cannot take a builder's instances, so init-parameters only).
 */
class PayaraMatrixTest extends ContainerMatrixTest {

  @Override
  protected ServletContainer container() {
    return new PayaraMicro();
  }

  @Override
  protected Stream<Configuration> configurations() {
    return Stream.of(Configuration.INIT_PARAMETERS);
  }
}
