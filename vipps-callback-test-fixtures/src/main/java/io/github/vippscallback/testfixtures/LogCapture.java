package io.github.vippscallback.testfixtures;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what one logger logs, through a Logback {@link ListAppender}, for tests of what operators are
 * told. Close it to detach; thread-safe to read while other threads log.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.of(VippsAllowlist.class)) {
 *   ...
 *   assertThat(logs.messages(Level.WARN)).anySatisfy(line -> assertThat(line).contains("stale"));
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

  private final List<Logger> loggers;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(List<Class<?>> loggerClasses) {
    loggers = loggerClasses.stream().map(type -> (Logger) LoggerFactory.getLogger(type)).toList();
    appender.start();
    loggers.forEach(logger -> logger.addAppender(appender));
  }

  /** Starts capturing what the logger named after {@code loggerClass} logs. */
  public static LogCapture of(Class<?> loggerClass) {
    return new LogCapture(List.of(loggerClass));
  }

  /**
   * Starts capturing what the loggers named after {@code loggerClass} and {@code more} log, in one list in
   * the order logged: what an operator reading one component's lines sees.
   */
  public static LogCapture of(Class<?> loggerClass, Class<?>... more) {
    List<Class<?>> all = new java.util.ArrayList<>();
    all.add(loggerClass);
    all.addAll(List.of(more));
    return new LogCapture(all);
  }

  /** The formatted messages logged at {@code level} so far, oldest first. */
  public List<String> messages(Level level) {
    synchronized (appender) { // AppenderBase.doAppend holds the same lock
      return appender.list.stream()
          .filter(event -> event.getLevel().equals(level))
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  /** Every event captured so far, at any level, oldest first. */
  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Forgets what was captured so far. */
  public void clear() {
    synchronized (appender) {
      appender.list.clear();
    }
  }

  /** Stops capturing. */
  @Override
  public void close() {
    loggers.forEach(logger -> logger.detachAppender(appender));
    appender.stop();
  }
}
