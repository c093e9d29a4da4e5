package io.github.vippscallback.gateway;

/** Spring Cloud Gateway server-webmvc without Spring Security (the build runs this class in its own surefire execution). */
class WebMvcGatewayTests extends GatewayRouteChecks {

  @Override
  boolean secured() {
    return false;
  }

  @Override
  boolean reactive() {
    return false;
  }
}
