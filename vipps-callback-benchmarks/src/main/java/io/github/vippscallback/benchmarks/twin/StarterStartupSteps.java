package io.github.vippscallback.benchmarks.twin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * What the starter's beans cost the thread that starts an application, read from Spring's own start-up
 * steps rather than from the wall clock of whole start-ups (which varies by seconds on a shared
 * machine): starts {@link TwinEndpointsApplication} once with a {@link BufferingApplicationStartup},
 * adds up the {@code spring.beans.instantiate} steps of the starter's beans (names starting with
 * {@code vipps}, or auto-configuration classes of {@code io.github.vippscallback}; a step inside another
 * counted step is not counted twice), and prints them with the whole start-up's duration and the CPU
 * time the allowlist's own thread ({@code vipps-callback-dns}) used meanwhile, then stops.
 *
 * <p>Run with the application's arguments, e.g. {@code --server.port=0 --vipps.callback.environment=test
 * --vipps.callback.dns.servers=127.0.0.1:5353}; used by {@code scripts/startup.sh}. With
 * {@code -Dsteps.detail=true} it also prints every step of 3 ms or more inside the counted ones (nested
 * steps overlap, so they do not add up).
 *
 * <p>Next to each counted step's wall-clock time it records the CPU time the starting thread itself used
 * in it ({@code starter-beans-cpu-ms}). On a machine with few cores the wall-clock time also holds the
 * time the starting thread waited for a core while other threads ran (Spring Boot's background
 * pre-initialisation, the allowlist's own {@code vipps-callback-dns} thread loading dnsjava and
 * resolving); the CPU time is the starter's work on that thread alone. On Linux it also reads how long
 * the starting thread was runnable but waiting for a core during the starter's steps
 * ({@code starter-beans-runqueue-ms}, from {@code /proc/thread-self/schedstat}).
 *
 * <p>Spring's own beans that a starter bean asks for (the {@code MeterRegistry} that the starter's
 * metrics record into, for instance) are created inside the starter's step, but the application creates
 * them anyway, a little later: they are moved, not added. With {@code -Dsteps.baseline-beans=FILE},
 * naming the beans the application instantiates without the starter (written by a run with
 * {@code --vipps.callback.enabled=false -Dsteps.write-beans=FILE}), such beans' steps inside a counted
 * step are reported as {@code moved-ms} (and {@code moved-cpu-ms}) and the rest as {@code starter-own-ms}
 * (and {@code starter-own-cpu-ms}); a bean missing from the file stays counted as the starter's.
 */
public final class StarterStartupSteps {

  private static final String INSTANTIATE = "spring.beans.instantiate";

  private StarterStartupSteps() {}

  /** Starts the application once, prints one result line, stops. */
  public static void main(String[] args) throws IOException {
    BufferingApplicationStartup recorder = new BufferingApplicationStartup(50_000);
    ThreadCpuRecorder cpu = new ThreadCpuRecorder(recorder);
    SpringApplication application = new SpringApplication(TwinEndpointsApplication.class);
    application.setApplicationStartup(cpu);
    long started = System.nanoTime();
    try (ConfigurableApplicationContext context = application.run(args)) {
      Duration whole = Duration.ofNanos(System.nanoTime() - started);
      StartupTimeline timeline = recorder.getBufferedTimeline();
      Set<String> baseline = readNames(System.getProperty("steps.baseline-beans"));
      Map<Long, StartupTimeline.TimelineEvent> byId = new HashMap<>();
      for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
        byId.put(event.getStartupStep().getId(), event);
      }
      Duration starter = Duration.ZERO;
      long starterCpuNanos = 0;
      long starterRunQueueNanos = 0;
      List<StartupTimeline.TimelineEvent> counted = new ArrayList<>();
      for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
        if (isStarterBean(event.getStartupStep()) && !insideCounted(event, byId)) {
          starter = starter.plus(event.getDuration());
          starterCpuNanos += cpu.cpuNanos(event.getStartupStep().getId());
          starterRunQueueNanos += cpu.runQueueNanos(event.getStartupStep().getId());
          counted.add(event);
        }
      }
      Duration moved = Duration.ZERO;
      long movedCpuNanos = 0;
      StringBuilder movedBeans = new StringBuilder();
      for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
        StartupStep step = event.getStartupStep();
        if (isInstantiate(step) && !isStarterBean(step) && baseline.contains(beanName(step))
            && nearestBeanAboveIsStarters(event, byId, baseline)) {
          moved = moved.plus(event.getDuration());
          movedCpuNanos += cpu.cpuNanos(step.getId());
          movedBeans.append(movedBeans.isEmpty() ? "" : ", ").append(beanName(step)).append('=')
              .append(event.getDuration().toMillis()).append("ms");
        }
      }
      String write = System.getProperty("steps.write-beans");
      if (write != null) {
        Set<String> names = new TreeSet<>();
        for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
          if (isInstantiate(event.getStartupStep())) {
            names.add(beanName(event.getStartupStep()));
          }
        }
        Files.write(Path.of(write), names);
      }
      counted.sort(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed());
      StringBuilder top = new StringBuilder();
      for (int i = 0; i < Math.min(5, counted.size()); i++) {
        StartupTimeline.TimelineEvent event = counted.get(i);
        top.append(i == 0 ? "" : ", ").append(beanName(event.getStartupStep())).append('=')
            .append(event.getDuration().toMillis()).append("ms");
      }
      if (Boolean.getBoolean("steps.detail")) {
        for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
          if (event.getDuration().toMillis() >= 3 && insideCounted(event, byId)) {
            System.out.println("  inside: " + event.getStartupStep().getName() + " " + beanName(event.getStartupStep())
                + " " + event.getDuration().toMillis() + "ms");
          }
        }
      }
      System.out.printf("starter-beans-ms=%.1f starter-beans-cpu-ms=%.1f starter-beans-runqueue-ms=%.1f"
              + " moved-ms=%.1f moved-cpu-ms=%.1f starter-own-ms=%.1f starter-own-cpu-ms=%.1f beans=%d"
              + " whole-start-ms=%d dns-thread-cpu-ms=%.1f top=[%s] moved=[%s]%n",
          starter.toNanos() / 1e6, starterCpuNanos / 1e6, starterRunQueueNanos / 1e6, moved.toNanos() / 1e6,
          movedCpuNanos / 1e6, starter.minus(moved).toNanos() / 1e6, (starterCpuNanos - movedCpuNanos) / 1e6,
          counted.size(), whole.toMillis(), dnsThreadCpuMillis(), top, movedBeans);
    }
  }

  /**
   * Hands every step to the buffering recorder and notes the CPU time of the thread that started it,
   * from its start to its end, by step id.
   */
  private static final class ThreadCpuRecorder implements ApplicationStartup {

    private final ApplicationStartup delegate;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuNanosById = new ConcurrentHashMap<>();
    private final Map<Long, Long> runQueueNanosById = new ConcurrentHashMap<>();

    ThreadCpuRecorder(ApplicationStartup delegate) {
      this.delegate = delegate;
    }

    long cpuNanos(long id) {
      return cpuNanosById.getOrDefault(id, 0L);
    }

    /** For the starter's bean steps only (reading the file for every step would slow start-up down). */
    long runQueueNanos(long id) {
      return runQueueNanosById.getOrDefault(id, 0L);
    }

    @Override
    public StartupStep start(String name) {
      StartupStep step = delegate.start(name);
      Thread startedOn = Thread.currentThread();
      long cpuAtStart = threads.getCurrentThreadCpuTime();
      return new StartupStep() {
        private long runQueueAtStart = -1;

        @Override
        public String getName() {
          return step.getName();
        }

        @Override
        public long getId() {
          return step.getId();
        }

        @Override
        public @Nullable Long getParentId() {
          return step.getParentId();
        }

        @Override
        public StartupStep tag(String key, String value) {
          step.tag(key, value);
          if ("beanName".equals(key) && value.startsWith("vipps")) {
            runQueueAtStart = threadRunQueueNanos();
          }
          return this;
        }

        @Override
        public StartupStep tag(String key, Supplier<String> value) {
          step.tag(key, value);
          return this;
        }

        @Override
        public Tags getTags() {
          return step.getTags();
        }

        @Override
        public void end() {
          if (Thread.currentThread() == startedOn) {
            cpuNanosById.put(step.getId(), threads.getCurrentThreadCpuTime() - cpuAtStart);
            if (runQueueAtStart >= 0) {
              runQueueNanosById.put(step.getId(), threadRunQueueNanos() - runQueueAtStart);
            }
          }
          step.end();
        }
      };
    }
  }

  /** Time this thread has waited on a run queue (runnable, no core), or 0 where Linux does not say. */
  private static long threadRunQueueNanos() {
    try {
      String[] fields = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
      return Long.parseLong(fields[1]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean isInstantiate(StartupStep step) {
    return INSTANTIATE.equals(step.getName());
  }

  private static boolean isStarterBean(StartupStep step) {
    if (!isInstantiate(step)) {
      return false;
    }
    String name = beanName(step);
    return name.startsWith("vipps")
        || (name.startsWith("io.github.vippscallback.") && !name.contains(".benchmarks."));
  }

  /** Whether a step of the starter's beans is somewhere above {@code event}. */
  private static boolean insideCounted(
      StartupTimeline.TimelineEvent event, Map<Long, StartupTimeline.TimelineEvent> byId) {
    return nearestBeanAboveIsStarters(event, byId, Set.of());
  }

  /**
   * Whether the nearest bean-creation step above {@code event} that is the starter's or a baseline bean's
   * is the starter's: then {@code event} is one of Spring's beans created early on the starter's behalf
   * (counted once, at the outermost such bean).
   */
  private static boolean nearestBeanAboveIsStarters(StartupTimeline.TimelineEvent event,
      Map<Long, StartupTimeline.TimelineEvent> byId, Set<String> baseline) {
    Long parent = event.getStartupStep().getParentId();
    while (parent != null) {
      StartupTimeline.TimelineEvent outer = byId.get(parent);
      if (outer == null) {
        return false;
      }
      StartupStep step = outer.getStartupStep();
      if (isStarterBean(step)) {
        return true;
      }
      if (isInstantiate(step) && baseline.contains(beanName(step))) {
        return false;
      }
      parent = step.getParentId();
    }
    return false;
  }

  private static Set<String> readNames(@Nullable String file) throws IOException {
    return file == null ? Set.of() : Set.copyOf(Files.readAllLines(Path.of(file)));
  }

  private static String beanName(StartupStep step) {
    for (StartupStep.Tag tag : step.getTags()) {
      if ("beanName".equals(tag.getKey())) {
        return tag.getValue();
      }
    }
    return "";
  }

  private static double dnsThreadCpuMillis() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double total = 0;
    for (@Nullable ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("vipps-callback-dns")) {
        total += threads.getThreadCpuTime(info.getThreadId()) / 1e6;
      }
    }
    return total;
  }
}
