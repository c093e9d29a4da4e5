package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.MT_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.OwnVippsChainApplication;
import io.github.vippscallback.spring.testapp.Reached;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The documented opt-out of the chain-order check: callbacks guarded in the application's own chain, ordered
 * first, with {@code vippsRequestServers}, and left unannotated. The application starts, its chain refuses
 * strangers, and the starter still guards the annotated callback outside that chain.
 */
@SpringBootTest(classes = OwnVippsChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"vipps.callback.environment=test", LoopbackApplicationFixture.ACCEPT_LOOPBACK_ANSWERS})
class OwnVippsChainApplicationTests extends LoopbackApplicationFixture {

  @Autowired
  VippsCallbackEndpoints endpoints;

  @Test
  void ownChainOrderedFirstAllowsRequestServerToUnannotatedCallback() throws IOException {
    assertThat(postJson(MT_SERVER, "/vipps/own/ping").body()).isEqualTo(Reached.body("own-ping"));
  }

  @Test
  void ownChainOrderedFirstRefusesStrangerAtUnannotatedCallback() throws IOException {
    assertForbiddenProblem(postJson(STRANGER, "/vipps/own/ping"));
  }

  @Test
  void starterGuardsOnlyTheAnnotatedCallbackOutsideTheOwnChain() throws IOException {
    assertThat(endpoints.endpoints()).extracting(CallbackEndpoint::toString).containsExactly("POST /callbacks/starter");
    assertForbiddenProblem(postJson(STRANGER, "/callbacks/starter"));
    assertThat(postJson(MT_SERVER, "/callbacks/starter").body()).isEqualTo(Reached.body("starter"));
  }

}
