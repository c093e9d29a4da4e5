package io.github.vippscallback.test;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A scripted DNS server on loopback, answering over UDP and TCP on one ephemeral port, for tests that
 * must never ask real DNS. Script each name's answer; a name not scripted is answered NXDOMAIN.
 *
 * <pre>{@code
 * try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
 *   dns.answer("callback-mt-1.vipps.no", 60, "127.0.0.2", "::1");
 *   VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
 *       .dnsServers(List.of(dns.address()))
 *       .acceptSpecialPurposeAddresses(true) // the answers are loopback addresses
 *       .build();
 * }
 * }</pre>
 *
 * <p>Names are matched ignoring case and a trailing dot. An {@link Behaviour#ANSWER} carries the
 * scripted IPv4 addresses as A records and the IPv6 addresses as AAAA records; when the asked type has
 * none, the answer is NOERROR with no data. Negative answers (NXDOMAIN, no data) carry an SOA record in
 * the authority section whose TTL and MINIMUM are the name's scripted TTL ({@value #DEFAULT_NEGATIVE_TTL}
 * seconds for a name never scripted with {@link #answer}), so resolvers can cache them (RFC 2308).
 *
 * <p>Thread-safe: a test may change the script while the server answers. Its threads are daemons.
 */
public final class LoopbackDnsServer implements AutoCloseable {

  /** The negative-answer TTL of names never given a TTL through {@link #answer}, in seconds. */
  public static final long DEFAULT_NEGATIVE_TTL = 60;

  private static final Logger log = LoggerFactory.getLogger(LoopbackDnsServer.class);
  private static final InetAddress LOOPBACK = loopback();
  private static final int MAX_BIND_ATTEMPTS = 20;
  private static final int UDP_DEFAULT_PAYLOAD = 512;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  /** How the server treats queries for a name. */
  public enum Behaviour {
    /** Answer with the scripted records (none of the asked type: NOERROR with no data). */
    ANSWER,
    /** Answer NXDOMAIN. */
    NXDOMAIN,
    /** Answer SERVFAIL. */
    SERVFAIL,
    /** Answer REFUSED. */
    REFUSED,
    /** Never answer: the client times out. */
    DROP,
    /** Over UDP answer with the TC bit and no records; over TCP answer in full. */
    TRUNCATE_UDP,
    /** Answer in full, but with a message id that does not match the query's. */
    WRONG_ID
  }

  /** What is scripted for one name. Immutable. */
  private record Script(Behaviour behaviour, long ttl, List<InetAddress> addresses) {
    static final Script UNSCRIPTED = new Script(Behaviour.NXDOMAIN, DEFAULT_NEGATIVE_TTL, List.of());
  }

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final int port;
  private final Map<String, Script> script = new ConcurrentHashMap<>();
  private final Map<String, Behaviour> typeBehaviours = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> tcpQueries = new ConcurrentHashMap<>();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Object holdLock = new Object();
  private final List<Runnable> heldAnswers = new ArrayList<>();
  private boolean holding;
  private volatile boolean closed;
  private final List<Thread> listeners = new ArrayList<>(2);

  private LoopbackDnsServer(DatagramSocket udp, ServerSocket tcp) {
    this.udp = udp;
    this.tcp = tcp;
    this.port = udp.getLocalPort();
  }

  /**
   * Starts a server on {@code 127.0.0.1} and an ephemeral port, UDP and TCP.
   *
   * @return the running server; close it when done
   * @throws IOException when the sockets cannot be opened
   */
  public static LoopbackDnsServer start() throws IOException {
    BindException lastCollision = null;
    for (int attempt = 0; attempt < MAX_BIND_ATTEMPTS; attempt++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
      ServerSocket tcp = new ServerSocket();
      try {
        tcp.bind(new InetSocketAddress(LOOPBACK, udp.getLocalPort()), 50);
      } catch (BindException collision) {
        // The TCP port of the same number is taken: try another UDP port.
        tcp.close();
        udp.close();
        lastCollision = collision;
        continue;
      } catch (IOException | RuntimeException e) {
        tcp.close();
        udp.close();
        throw e;
      }
      LoopbackDnsServer server = new LoopbackDnsServer(udp, tcp);
      server.startThreads();
      return server;
    }
    IOException failure =
        new IOException("no port free for both UDP and TCP on 127.0.0.1 after " + MAX_BIND_ATTEMPTS + " attempts");
    if (lastCollision != null) {
      failure.addSuppressed(lastCollision);
    }
    throw failure;
  }

  /**
   * {@code 127.0.0.1:port}, the form {@code dnsServers(...)} and {@code vipps.callback.dns.servers} take.
   *
   * @return the server's address and port
   */
  public String address() {
    return LOOPBACK.getHostAddress() + ":" + port();
  }

  /**
   * The port, UDP and TCP.
   *
   * @return the port the server listens on
   */
  public int port() {
    return port;
  }

  /**
   * Answers {@code host} (absolute or not; case-insensitive) with these A and AAAA records and TTL, and
   * sets its behaviour to {@link Behaviour#ANSWER}. Replaces what was scripted for it.
   *
   * @param host the name to answer
   * @param ttlSeconds the TTL of the records, in seconds
   * @param addresses IPv4 and IPv6 address literals (never looked up)
   * @return this server
   * @throws IllegalArgumentException when an address is not a literal or the TTL is negative
   */
  public LoopbackDnsServer answer(String host, long ttlSeconds, String... addresses) {
    if (ttlSeconds < 0 || ttlSeconds > 0x7FFFFFFFL) {
      throw new IllegalArgumentException("ttl must be 0.." + 0x7FFFFFFFL + " seconds, was " + ttlSeconds);
    }
    List<InetAddress> parsed = new ArrayList<>(addresses.length);
    for (String address : addresses) {
      parsed.add(literal(address));
    }
    String key = key(host);
    clearTypeBehaviours(key);
    script.put(key, new Script(Behaviour.ANSWER, ttlSeconds, List.copyOf(parsed)));
    return this;
  }

  /**
   * Sets how queries for {@code host} are treated, whatever their type, keeping its scripted records
   * (and dropping any behaviour set for one record type).
   *
   * @param host the name whose queries are affected
   * @param behaviour how its queries are treated
   * @return this server
   */
  public LoopbackDnsServer behave(String host, Behaviour behaviour) {
    String key = key(host);
    clearTypeBehaviours(key);
    script.merge(
        key,
        new Script(behaviour, DEFAULT_NEGATIVE_TTL, List.of()),
        (old, fresh) -> new Script(behaviour, old.ttl(), old.addresses()));
    return this;
  }

  /**
   * Sets how queries of one record type for {@code host} are treated, e.g. only AAAA failing; other
   * types keep the name's behaviour. {@link #answer} and {@link #behave(String, Behaviour)} clear it.
   *
   * @param host the name whose queries are affected
   * @param recordType a record type mnemonic such as {@code "A"} or {@code "AAAA"}
   * @param behaviour how those queries are treated
   * @return this server
   */
  public LoopbackDnsServer behave(String host, String recordType, Behaviour behaviour) {
    int type = Type.value(recordType.strip());
    if (type < 0) {
      throw new IllegalArgumentException("'" + recordType + "' is not a DNS record type such as A or AAAA");
    }
    String key = key(host);
    script.putIfAbsent(key, new Script(Behaviour.NXDOMAIN, DEFAULT_NEGATIVE_TTL, List.of()));
    typeBehaviours.put(typeKey(key, type), behaviour);
    return this;
  }

  private void clearTypeBehaviours(String key) {
    typeBehaviours.keySet().removeIf(typed -> typed.startsWith(key + "/"));
  }

  private static String typeKey(String key, int type) {
    return key + "/" + type;
  }

  /**
   * How many queries for {@code host} arrived (UDP and TCP, any type).
   *
   * @param host the name, absolute or not, in any case
   * @return the number of queries for {@code host} so far
   */
  public int queryCount(String host) {
    AtomicInteger count = queries.get(key(host));
    return count == null ? 0 : count.get();
  }

  /**
   * How many queries for {@code host} arrived over TCP.
   *
   * @param host the name, absolute or not, in any case
   * @return the number of TCP queries for {@code host} so far
   */
  public int tcpQueryCount(String host) {
    AtomicInteger count = tcpQueries.get(key(host));
    return count == null ? 0 : count.get();
  }

  /**
   * Holds every answer (queries are still received and counted) until {@link #releaseAnswers()}, so a
   * test can see which queries a client sends before it gets any answer.
   *
   * @return this server
   */
  public LoopbackDnsServer holdAnswers() {
    synchronized (holdLock) {
      holding = true;
    }
    return this;
  }

  /**
   * Sends the answers held since {@link #holdAnswers()}, in arrival order, and stops holding.
   *
   * @return this server
   */
  public LoopbackDnsServer releaseAnswers() {
    List<Runnable> toSend;
    synchronized (holdLock) {
      holding = false;
      toSend = new ArrayList<>(heldAnswers);
      heldAnswers.clear();
    }
    toSend.forEach(Runnable::run);
    return this;
  }

  /**
   * Stops answering and closes the sockets. When it returns the port is closed: a query gets no answer and
   * a TCP connection is refused (it waits, at most 10 seconds, for the server's threads to end).
   */
  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      log.debug("closing the TCP listener failed", e);
    }
    for (Socket connection : connections) {
      closeQuietly(connection);
    }
    synchronized (holdLock) {
      heldAnswers.clear();
    }
    // A thread blocked in accept or receive keeps its socket listening until it wakes up: wait for both
    // to end, so that once close returns the port is closed (a test may rely on it to simulate an outage).
    for (Thread listener : listeners) {
      try {
        listener.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (listener.isAlive()) {
        log.warn("loopback DNS server: {} still running {} after close", listener.getName(), CLOSE_WAIT);
      }
    }
  }

  private void startThreads() {
    listeners.add(daemon("loopback-dns-udp-" + port(), this::serveUdp));
    listeners.add(daemon("loopback-dns-tcp-" + port(), this::acceptTcp));
    listeners.forEach(Thread::start);
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (!closed) {
          log.warn("loopback DNS server: UDP receive failed", e);
        }
        return;
      }
      byte[] wire = java.util.Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getLength());
      SocketAddress client = packet.getSocketAddress();
      @Nullable Message query = parse(wire);
      if (query == null) {
        continue;
      }
      @Nullable Message response = respond(query, false);
      if (response == null) {
        continue;
      }
      byte[] out = response.toWire(udpPayloadSize(query));
      send(() -> {
        try {
          udp.send(new DatagramPacket(out, out.length, client));
        } catch (IOException e) {
          if (!closed) {
            log.warn("loopback DNS server: UDP send failed", e);
          }
        }
      });
    }
  }

  private void acceptTcp() {
    while (!closed) {
      Socket connection;
      try {
        connection = tcp.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("loopback DNS server: TCP accept failed", e);
        }
        return;
      }
      connections.add(connection);
      daemon("loopback-dns-tcp-conn-" + connection.getPort(), () -> serveTcp(connection)).start();
    }
  }

  private void serveTcp(Socket connection) {
    try (connection) {
      DataInputStream in = new DataInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      while (!closed) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException endOfStream) {
          return;
        }
        byte[] wire = new byte[length];
        in.readFully(wire);
        @Nullable Message query = parse(wire);
        if (query == null) {
          return;
        }
        @Nullable Message response = respond(query, true);
        if (response == null) {
          continue;
        }
        byte[] answer = response.toWire();
        send(() -> {
          try {
            synchronized (out) {
              out.write(new byte[] {(byte) (answer.length >>> 8), (byte) answer.length});
              out.write(answer);
              out.flush();
            }
          } catch (IOException e) {
            if (!closed) {
              log.debug("loopback DNS server: TCP send failed", e);
            }
          }
        });
      }
    } catch (IOException e) {
      if (!closed) {
        log.debug("loopback DNS server: TCP connection ended", e);
      }
    } finally {
      connections.remove(connection);
    }
  }

  private void send(Runnable sending) {
    synchronized (holdLock) {
      if (holding) {
        heldAnswers.add(sending);
        return;
      }
    }
    sending.run();
  }

  private static @Nullable Message parse(byte[] wire) {
    try {
      return new Message(wire);
    } catch (IOException malformed) {
      log.debug("loopback DNS server: ignoring a malformed query", malformed);
      return null;
    }
  }

  /** The response to {@code query}, or null to stay silent. */
  private @Nullable Message respond(Message query, boolean overTcp) {
    Record question = query.getQuestion();
    if (question == null) {
      return null;
    }
    String key = key(question.getName());
    queries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    if (overTcp) {
      tcpQueries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
    Script scripted = script.getOrDefault(key, Script.UNSCRIPTED);
    Behaviour behaviour = typeBehaviours.getOrDefault(typeKey(key, question.getType()), scripted.behaviour());

    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
      response.getHeader().setFlag(Flags.RA);
    }
    response.addRecord(question, Section.QUESTION);
    switch (behaviour) {
      case DROP:
        return null;
      case SERVFAIL:
        response.getHeader().setRcode(Rcode.SERVFAIL);
        return response;
      case REFUSED:
        response.getHeader().setRcode(Rcode.REFUSED);
        return response;
      case NXDOMAIN:
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        response.addRecord(soa(question.getName(), scripted.ttl()), Section.AUTHORITY);
        return response;
      case TRUNCATE_UDP:
        if (!overTcp) {
          response.getHeader().setFlag(Flags.TC);
          return response;
        }
        addAnswer(response, question, scripted);
        return response;
      case WRONG_ID:
        addAnswer(response, question, scripted);
        response.getHeader().setID((query.getHeader().getID() + 1) & 0xFFFF);
        return response;
      case ANSWER:
      default:
        addAnswer(response, question, scripted);
        return response;
    }
  }

  private static void addAnswer(Message response, Record question, Script scripted) {
    Name name = question.getName();
    int type = question.getType();
    boolean any = false;
    for (InetAddress address : scripted.addresses()) {
      if (type == Type.A && address instanceof Inet4Address) {
        response.addRecord(new ARecord(name, DClass.IN, scripted.ttl(), address), Section.ANSWER);
        any = true;
      } else if (type == Type.AAAA && address instanceof Inet6Address) {
        response.addRecord(new AAAARecord(name, DClass.IN, scripted.ttl(), address), Section.ANSWER);
        any = true;
      }
    }
    if (!any) {
      response.addRecord(soa(name, scripted.ttl()), Section.AUTHORITY);
    }
  }

  /** An SOA of the name's parent zone whose TTL and MINIMUM are {@code negativeTtl} (RFC 2308). */
  private static SOARecord soa(Name name, long negativeTtl) {
    Name zone = name.labels() > 2 ? new Name(name, 1) : Name.root;
    try {
      return new SOARecord(
          zone, DClass.IN, negativeTtl,
          Name.fromString("ns.loopback.test."), Name.fromString("hostmaster.loopback.test."),
          1, 3600, 600, 86400, negativeTtl);
    } catch (TextParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int udpPayloadSize(Message query) {
    OPTRecord opt = query.getOPT();
    return opt == null ? UDP_DEFAULT_PAYLOAD : Math.max(UDP_DEFAULT_PAYLOAD, opt.getPayloadSize());
  }

  private static String key(Name name) {
    return key(name.toString(true));
  }

  private static String key(String host) {
    String trimmed = host.trim();
    if (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("host must be a DNS name, was '" + host + "'");
    }
    return trimmed.toLowerCase(Locale.ROOT);
  }

  /** Parses an address literal without any lookup. */
  private static InetAddress literal(String text) {
    try {
      byte[] v4 = Address.toByteArray(text, Address.IPv4);
      if (v4 != null) {
        return InetAddress.getByAddress(v4);
      }
      byte[] v6 = Address.toByteArray(text, Address.IPv6);
      if (v6 != null) {
        // Inet6Address directly, so an IPv4-mapped literal stays an AAAA record as scripted.
        return Inet6Address.getByAddress(null, v6, -1);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address literal", e);
    }
    throw new IllegalArgumentException("'" + text + "' is not an IP address literal");
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("closing a TCP connection failed", e);
    }
  }
}
