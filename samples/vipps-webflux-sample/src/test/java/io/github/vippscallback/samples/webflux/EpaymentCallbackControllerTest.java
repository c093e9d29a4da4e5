package io.github.vippscallback.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The controller remembers the newest references only, so a long-running sample never fills its heap. */
class EpaymentCallbackControllerTest {

  @Test
  void remembersOnlyTheNewestReferencesUpToItsCapacity() {
    EpaymentCallbackController controller = new EpaymentCallbackController();

    for (int i = 0; i < EpaymentCallbackController.CAPACITY + 5; i++) {
      controller.epayment(Map.of("reference", "order-" + i, "name", "AUTHORIZED")).block();
    }

    assertThat(controller.references()).hasSize(EpaymentCallbackController.CAPACITY)
        .startsWith("order-5")
        .endsWith("order-" + (EpaymentCallbackController.CAPACITY + 4));
  }
}
