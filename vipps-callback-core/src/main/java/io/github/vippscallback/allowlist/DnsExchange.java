package io.github.vippscallback.allowlist;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Sends one DNS query to one server and hands back the response that matches it, on one I/O thread
 * named {@value #THREAD_NAME} with a NIO selector, so any number of queries are in flight at once
 * without a thread each. dnsjava's {@link Message} does the wire format; the exchange is done here.
 *
 * <p>Each query gets a new random message id (from {@link SecureRandom}) and a new UDP socket bound to a
 * random source port and connected to the server, so the kernel drops datagrams from any other address
 * or port. A datagram that does not match the query (unparseable, another message id, another question
 * or class) is ignored and the query keeps waiting for the matching one until its timeout (RFC 5452
 * §9.1); the timeout's message says what was ignored. A matching response with the TC bit set is asked
 * again over TCP (two-byte length prefix, RFC 1035 §4.2.2), with a new id and a timeout of its own.
 * What a matching response means is {@link DnsAnswerClassifier}'s job, not this class's.
 */
final class DnsExchange implements AutoCloseable {

  static final String THREAD_NAME = "vipps-callback-dns-io";
  private static final Logger log = LoggerFactory.getLogger(DnsExchange.class);
  private static final int MAX_MESSAGE = 65_535;
  private static final int PORT_ATTEMPTS = 10;
  private static final int FIRST_RANDOM_PORT = 1024;

  private final Selector selector;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final SecureRandom random = new SecureRandom();
  private final ByteBuffer datagram = ByteBuffer.allocate(MAX_MESSAGE);
  /** Queries in flight by deadline; I/O thread only. */
  private final PriorityQueue<Query> deadlines =
      new PriorityQueue<>(Comparator.comparingLong(query -> query.deadlineNanos));
  private volatile boolean closed;

  /** One query in flight; touched only on the I/O thread after it is handed over. */
  private static final class Query {
    final InetSocketAddress server;
    final Name name;
    final int type;
    final Duration timeout;
    final CompletableFuture<Message> result = new CompletableFuture<>();
    int id;
    long deadlineNanos;
    @Nullable SelectableChannel channel;
    boolean tcp;
    @Nullable ByteBuffer tcpOut;
    final ByteBuffer tcpLength = ByteBuffer.allocate(2);
    @Nullable ByteBuffer tcpIn;
    int ignored;
    @Nullable String lastIgnored;

    Query(InetSocketAddress server, Name name, int type, Duration timeout) {
      this.server = server;
      this.name = name;
      this.type = type;
      this.timeout = timeout;
    }
  }

  /** Opens the selector and starts the I/O thread (a daemon). */
  DnsExchange() throws IOException {
    this.selector = Selector.open();
    Thread thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Asks {@code server} for the {@code type} records of {@code name} (class IN, recursion desired).
   * The future completes on the I/O thread with the matching response, or exceptionally with a
   * {@link SocketTimeoutException} (saying what was ignored meanwhile) or another {@link IOException}.
   */
  CompletableFuture<Message> send(InetSocketAddress server, Name name, int type, Duration timeout) {
    Query query = new Query(server, name, type, timeout);
    if (closed) {
      query.result.completeExceptionally(new IOException("the DNS exchange is closed"));
      return query.result;
    }
    tasks.add(() -> startUdp(query));
    selector.wakeup();
    return query.result;
  }

  /** Stops the I/O thread; queries in flight fail. */
  @Override
  public void close() {
    closed = true;
    selector.wakeup();
  }

  private void run() {
    try {
      while (!closed) {
        expire();
        Query next = deadlines.peek();
        long waitMillis = next == null
            ? 0
            : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next.deadlineNanos - System.nanoTime()) + 1);
        selector.select(waitMillis);
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Query query = (Query) key.attachment();
          try {
            ready(key, query);
          } catch (IOException | RuntimeException e) {
            fail(query, e instanceof IOException io ? io : new IOException(e));
          }
        }
      }
    } catch (IOException | ClosedSelectorException | CancelledKeyException e) {
      log.error("The DNS I/O thread stopped; DNS lookups fail until the allowlist is rebuilt", e);
    } finally {
      closed = true;
      shutDown();
    }
  }

  private void shutDown() {
    List<Query> open = new ArrayList<>(deadlines);
    for (Runnable task; (task = tasks.poll()) != null; ) {
      task.run(); // starts nothing: closed; fails the query
    }
    open.addAll(deadlines);
    for (Query query : open) {
      fail(query, new IOException("the DNS exchange is closed"));
    }
    try {
      selector.close();
    } catch (IOException e) {
      log.debug("closing the DNS selector failed", e);
    }
  }

  private void expire() {
    long now = System.nanoTime();
    for (Query next; (next = deadlines.peek()) != null && next.deadlineNanos - now <= 0; ) {
      String ignored = next.ignored == 0
          ? ""
          : "; ignored " + next.ignored + " unmatched message(s), the last: " + next.lastIgnored;
      fail(next, new SocketTimeoutException(
          "no matching answer over " + (next.tcp ? "TCP" : "UDP") + " within " + Durations.describe(next.timeout)
              + ignored));
    }
  }

  private void startUdp(Query query) {
    if (closed) {
      fail(query, new IOException("the DNS exchange is closed"));
      return;
    }
    try {
      DatagramChannel channel = DatagramChannel.open(
          query.server.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
      query.channel = channel;
      channel.configureBlocking(false);
      bindRandomPort(channel);
      channel.connect(query.server);
      channel.write(ByteBuffer.wrap(newQuery(query)));
      channel.register(selector, SelectionKey.OP_READ, query);
      arm(query);
    } catch (IOException | RuntimeException e) {
      fail(query, e instanceof IOException io ? io : new IOException(e));
    }
  }

  private void bindRandomPort(DatagramChannel channel) throws IOException {
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      int port = FIRST_RANDOM_PORT + random.nextInt(65_536 - FIRST_RANDOM_PORT);
      try {
        channel.bind(new InetSocketAddress(port));
        return;
      } catch (BindException inUse) {
        // try another
      }
    }
    channel.bind(null);
  }

  private void startTcp(Query query) throws IOException {
    closeChannel(query);
    query.tcp = true;
    SocketChannel channel = SocketChannel.open(
        query.server.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    query.channel = channel;
    channel.configureBlocking(false);
    byte[] wire = newQuery(query);
    ByteBuffer out = ByteBuffer.allocate(2 + wire.length);
    out.putShort((short) wire.length).put(wire).flip();
    query.tcpOut = out;
    if (channel.connect(query.server)) {
      channel.register(selector, SelectionKey.OP_WRITE, query);
    } else {
      channel.register(selector, SelectionKey.OP_CONNECT, query);
    }
    arm(query);
  }

  private byte[] newQuery(Query query) {
    query.id = random.nextInt(0x1_0000);
    Message message = Message.newQuery(Record.newRecord(query.name, query.type, DClass.IN));
    message.getHeader().setID(query.id);
    return message.toWire();
  }

  private void arm(Query query) {
    deadlines.remove(query);
    query.deadlineNanos = System.nanoTime() + query.timeout.toNanos();
    deadlines.add(query);
  }

  private void ready(SelectionKey key, Query query) throws IOException {
    if (!key.isValid() || query.result.isDone()) {
      return;
    }
    if (key.channel() instanceof DatagramChannel channel) {
      readDatagrams(channel, query);
      return;
    }
    SocketChannel channel = (SocketChannel) key.channel();
    if (key.isConnectable()) {
      channel.finishConnect();
      key.interestOps(SelectionKey.OP_WRITE);
    }
    ByteBuffer out = query.tcpOut;
    if (key.isWritable() && out != null) {
      channel.write(out);
      if (!out.hasRemaining()) {
        query.tcpOut = null;
        key.interestOps(SelectionKey.OP_READ);
      }
    }
    if (key.isReadable()) {
      readStream(channel, query);
    }
  }

  private void readDatagrams(DatagramChannel channel, Query query) throws IOException {
    while (!query.result.isDone()) {
      datagram.clear();
      int length = channel.read(datagram);
      if (length <= 0) {
        return;
      }
      byte[] wire = new byte[length];
      datagram.flip();
      datagram.get(wire);
      Message response = match(query, wire);
      if (response == null) {
        continue;
      }
      if (response.getHeader().getFlag(Flags.TC)) {
        startTcp(query);
        return;
      }
      complete(query, response);
    }
  }

  private void readStream(SocketChannel channel, Query query) throws IOException {
    while (!query.result.isDone()) {
      ByteBuffer length = query.tcpLength;
      ByteBuffer body = query.tcpIn;
      ByteBuffer target = body == null ? length : body;
      int read = channel.read(target);
      if (read < 0) {
        throw new EOFException("the server closed the TCP connection before a complete matching answer");
      }
      if (target.hasRemaining()) {
        return;
      }
      if (body == null) {
        length.flip();
        int size = length.getShort() & 0xffff;
        length.clear();
        query.tcpIn = ByteBuffer.allocate(size);
        continue;
      }
      query.tcpIn = null;
      Message response = match(query, body.array());
      if (response != null) {
        complete(query, response);
      }
    }
  }

  /** The response when {@code wire} answers {@code query}; otherwise null, counted as ignored. */
  private static @Nullable Message match(Query query, byte[] wire) {
    Message response;
    try {
      response = new Message(wire);
    } catch (IOException | RuntimeException unparseable) {
      return ignore(query, "unparseable (" + unparseable.getMessage() + ")");
    }
    int id = response.getHeader().getID();
    if (id != query.id) {
      return ignore(query, "message id " + id + " instead of " + query.id);
    }
    Record question = response.getQuestion();
    if (question == null) {
      return ignore(query, "no question section");
    }
    if (!question.getName().equals(query.name) || question.getType() != query.type
        || question.getDClass() != DClass.IN) {
      return ignore(query, "another question (" + question.getName() + " "
          + Type.string(question.getType()) + " " + DClass.string(question.getDClass()) + ")");
    }
    return response;
  }

  private static @Nullable Message ignore(Query query, String why) {
    query.ignored++;
    query.lastIgnored = why;
    return null;
  }

  private void complete(Query query, Message response) {
    deadlines.remove(query);
    closeChannel(query);
    query.result.complete(response);
  }

  private void fail(Query query, IOException error) {
    deadlines.remove(query);
    closeChannel(query);
    query.result.completeExceptionally(error);
  }

  private static void closeChannel(Query query) {
    SelectableChannel channel = query.channel;
    query.channel = null;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing a DNS socket failed", e);
      }
    }
  }
}
