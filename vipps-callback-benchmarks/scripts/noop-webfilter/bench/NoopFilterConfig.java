package bench;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Benchmark only: one WebFilter that does nothing, at the starter's filter's order. */
@Configuration(proxyBeanMethods = false)
public class NoopFilterConfig {

  @Bean
  WebFilter benchNoopWebFilter() {
    return new NoopWebFilter();
  }

  static final class NoopWebFilter implements WebFilter, Ordered {
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
      return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public String toString() {
      return "NoopWebFilter";
    }
  }
}
