package io.github.vippscallback.allowlist;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures what {@link VippsAllowlist} logs, for tests of what operators are told. */
final class LogCapture implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger(VippsAllowlist.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    logger.addAppender(appender);
  }

  /** The formatted messages logged at {@code level}, oldest first. */
  List<String> messages(Level level) {
    synchronized (appender) { // AppenderBase.doAppend holds the same lock
      return appender.list.stream()
          .filter(event -> event.getLevel().equals(level))
          .map(ILoggingEvent::getFormattedMessage)
          .collect(Collectors.toList());
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
