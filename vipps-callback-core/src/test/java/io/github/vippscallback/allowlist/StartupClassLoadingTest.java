package io.github.vippscallback.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * Proves that building and starting an allowlist leave dnsjava (and its cold start-up cost) to the
 * refresh thread, so the application's starting thread never loads them.
 *
 * <p>An {@link IsolatingLoader} defines its own copies of the core and dnsjava classes, so they load
 * afresh whatever ran before in this JVM, and records which thread asks for each dnsjava class. It holds
 * every other thread at its first such class until the test releases it: while the starting thread
 * builds, starts and reads the allowlist, the refresh thread cannot load dnsjava first, so the result
 * does not depend on timing. Once released, the refresh thread must load it and
 * resolve against a loopback DNS server: the control that the recording sees what it should.
 */
class StartupClassLoadingTest {

  private static final String HOST = "callback-mt-1.vipps.no";
  private static final String REFRESH_THREAD = "vipps-callback-dns";
  private static final String DNSJAVA = "org.xbill.DNS.";

  @Test
  void buildingAndStartingLoadNoDnsjavaClassOnTheStartingThread() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start();
        IsolatingLoader loader = new IsolatingLoader(Thread.currentThread())) {
      dns.answer(HOST, 300, "192.0.2.1");
      dns.answer("callback-mt-2.vipps.no", 300, "192.0.2.2");
      Function<String, String> probe = loader.probe(dns.address());

      assertThat(probe.apply("build")).isEqualTo("built");
      assertThat(probe.apply("start")).isEqualTo("started");
      await().atMost(Duration.ofSeconds(20)).until(() -> !loader.held().isEmpty());
      assertThat(probe.apply("decide 192.0.2.1")).isEqualTo("UNAVAILABLE");
      assertThat(probe.apply("status")).startsWith("ready=false hosts=" + HOST + "[],");

      assertThat(loader.requestsBy(Thread.currentThread().getName()))
          .as("dnsjava classes asked for by the starting thread")
          .isEmpty();
      assertThat(loader.held()).as("the refresh thread waits at its first dnsjava class")
          .singleElement().satisfies(held -> assertThat(held).startsWith(REFRESH_THREAD + " "));

      loader.release();

      assertThat(probe.apply("await")).isEqualTo("true");
      assertThat(probe.apply("decide 192.0.2.1")).isEqualTo("ALLOWED");
      assertThat(loader.requestsBy(REFRESH_THREAD))
          .anyMatch(name -> name.equals(DNSJAVA + "SimpleResolver"));
      assertThat(dns.queryCount(HOST)).isEqualTo(2);
      assertThat(probe.apply("close")).isEqualTo("closed");
    }
  }

  @Test
  void closingBeforeStartingLoadsNeitherAndStartingAfterwardsSendsNothing() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start();
        IsolatingLoader loader = new IsolatingLoader(Thread.currentThread())) {
      dns.answer(HOST, 300, "192.0.2.1");
      Function<String, String> probe = loader.probe(dns.address());

      assertThat(probe.apply("build")).isEqualTo("built");
      assertThat(probe.apply("close")).isEqualTo("closed");
      assertThat(probe.apply("start")).isEqualTo("started");

      assertThat(probe.apply("decide 192.0.2.1")).isEqualTo("UNAVAILABLE");
      assertThat(probe.apply("status")).startsWith("ready=false hosts=" + HOST + "[],");
      assertThat(loader.requests()).as("dnsjava classes asked for by any thread").isEmpty();
      assertThat(loader.held()).isEmpty();
      assertThat(dns.queryCount(HOST)).isZero();
    }
  }

  @Test
  void closingWhileTheRefreshThreadSetsUpStopsItBeforeAnyQuery() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start();
        IsolatingLoader loader = new IsolatingLoader(Thread.currentThread())) {
      dns.answer(HOST, 300, "192.0.2.1");
      Function<String, String> probe = loader.probe(dns.address());
      assertThat(probe.apply("build")).isEqualTo("built");
      assertThat(probe.apply("start")).isEqualTo("started");
      await().atMost(Duration.ofSeconds(20)).until(() -> !loader.held().isEmpty());

      assertThat(probe.apply("close")).isEqualTo("closed");
      loader.release();

      await().atMost(Duration.ofSeconds(20)).until(() -> !loader.refreshThreadAlive());
      assertThat(dns.queryCount(HOST)).isZero();
      assertThat(probe.apply("decide 192.0.2.1")).isEqualTo("UNAVAILABLE");
      assertThat(probe.apply("status")).startsWith("ready=false hosts=" + HOST + "[],");
    }
  }

  /**
   * Child-first for the core and dnsjava; records each request for a dnsjava class
   * by thread name, and holds threads other than the starting one at the first until released.
   */
  static final class IsolatingLoader extends URLClassLoader {

    static {
      registerAsParallelCapable();
    }

    private static final List<String> ISOLATED = List.of(
        "io.github.vippscallback.address.", "io.github.vippscallback.allowlist.",
        "io.github.vippscallback.webhook.", DNSJAVA);

    private final Thread starter;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Queue<String> held = new ConcurrentLinkedQueue<>();
    private final Queue<Thread> refreshThreads = new ConcurrentLinkedQueue<>();

    IsolatingLoader(Thread starter) {
      super(new URL[] {
          location(VippsAllowlist.class), location(StartupProbe.class), location(Name.class)},
          StartupClassLoadingTest.class.getClassLoader());
      this.starter = starter;
    }

    /** A {@link StartupProbe} of this loader's own, asking {@code dnsServer}. */
    @SuppressWarnings("unchecked")
    Function<String, String> probe(String dnsServer) throws ReflectiveOperationException {
      var constructor = loadClass(StartupProbe.class.getName()).getDeclaredConstructor(String.class);
      constructor.setAccessible(true);
      return (Function<String, String>) constructor.newInstance(dnsServer);
    }

    /** Every request for a dnsjava class, as {@code thread class}. */
    List<String> requests() {
      return List.copyOf(requests);
    }

    /** The dnsjava classes {@code threadName} asked for. */
    List<String> requestsBy(String threadName) {
      String prefix = threadName + " ";
      return requests.stream()
          .filter(request -> request.startsWith(prefix))
          .map(request -> request.substring(prefix.length()))
          .collect(Collectors.toList());
    }

    /** The requests held so far, as {@code thread class}. */
    List<String> held() {
      return List.copyOf(held);
    }

    boolean refreshThreadAlive() {
      return refreshThreads.stream().anyMatch(Thread::isAlive);
    }

    void release() {
      release.countDown();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (ISOLATED.stream().noneMatch(name::startsWith)) {
        return super.loadClass(name, resolve);
      }
      if (name.startsWith(DNSJAVA)) {
        Thread thread = Thread.currentThread();
        String request = thread.getName() + " " + name;
        requests.add(request);
        if (thread != starter && release.getCount() > 0) {
          if (thread.getName().equals(REFRESH_THREAD)) {
            refreshThreads.add(thread);
          }
          held.add(request);
          awaitRelease();
        }
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    private void awaitRelease() {
      boolean interrupted = false;
      while (true) {
        try {
          // Bounded, so that a regression fails the test rather than hanging it.
          release.await(30, TimeUnit.SECONDS);
          break;
        } catch (InterruptedException e) {
          interrupted = true; // close() interrupts the refresh thread; keep holding, then pass it on
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() throws IOException {
      release();
      super.close();
    }

    private static URL location(Class<?> type) {
      return type.getProtectionDomain().getCodeSource().getLocation();
    }
  }
}
