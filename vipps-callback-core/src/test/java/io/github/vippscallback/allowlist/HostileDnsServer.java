package io.github.vippscallback.allowlist;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS server on {@code 127.0.0.1} (UDP and TCP on one ephemeral port) that answers whatever its
 * {@link Script} returns, byte for byte: malformed messages, wrong ids, echoes, replies from another
 * port, late replies, or nothing. Unlike the test kit's well-formed {@code LoopbackDnsServer}, it takes
 * no care that what it sends makes sense. Its threads are daemons.
 */
final class HostileDnsServer implements AutoCloseable {

  /** Decides what is sent back for one query. */
  @FunctionalInterface
  interface Script {
    /**
     * The replies to {@code query}, sent in order (each after its delay); none for silence.
     *
     * @param overTcp whether the query came over TCP
     */
    List<Reply> replies(Message query, boolean overTcp) throws IOException;
  }

  /**
   * One message to send back.
   *
   * @param wire the bytes, as they are
   * @param delayMillis how long after the query it is sent
   * @param fromOtherPort whether it is sent from another UDP port of the same address (never matches)
   */
  record Reply(byte[] wire, long delayMillis, boolean fromOtherPort) {
    static Reply of(Message message) {
      return new Reply(message.toWire(), 0, false);
    }

    static Reply after(long delayMillis, Message message) {
      return new Reply(message.toWire(), delayMillis, false);
    }
  }

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final DatagramSocket udp;
  private final DatagramSocket otherPort;
  private final ServerSocket tcp;
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "hostile-dns-sender");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private final List<Integer> udpClientPorts = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Script script;
  private volatile boolean closed;

  private HostileDnsServer(DatagramSocket udp, ServerSocket tcp, Script script) throws IOException {
    this.udp = udp;
    this.tcp = tcp;
    this.otherPort = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    this.script = script;
  }

  /** Starts a server on {@code 127.0.0.1}, UDP and TCP on the same ephemeral port. */
  static HostileDnsServer start(Script script) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
      try {
        ServerSocket tcp = new ServerSocket();
        tcp.bind(new InetSocketAddress(LOOPBACK, udp.getLocalPort()));
        HostileDnsServer server = new HostileDnsServer(udp, tcp, script);
        server.startThreads();
        return server;
      } catch (IOException portTakenForTcp) {
        udp.close();
        last = portTakenForTcp;
      }
    }
    throw new IOException("no port free for both UDP and TCP", last);
  }

  /** Replaces the script; later queries get the new one. */
  void script(Script next) {
    this.script = next;
  }

  /** {@code 127.0.0.1:port}, as {@code dns-servers} takes it. */
  String address() {
    return LOOPBACK.getHostAddress() + ":" + udp.getLocalPort();
  }

  InetSocketAddress socketAddress() {
    return new InetSocketAddress(LOOPBACK, udp.getLocalPort());
  }

  int udpQueries() {
    return udpQueries.get();
  }

  /** The source port of each UDP query, in order. */
  List<Integer> udpClientPorts() {
    return List.copyOf(udpClientPorts);
  }

  int tcpQueries() {
    return tcpQueries.get();
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    otherPort.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    connections.forEach(HostileDnsServer::closeQuietly);
    sender.shutdownNow();
  }

  /** A response to {@code query}: same id and question, QR set, RD copied, RA set; nothing else. */
  static Message responseTo(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    response.getHeader().setFlag(Flags.RA);
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    return response;
  }

  private void startThreads() {
    daemon(this::serveUdp, "hostile-dns-udp");
    daemon(this::acceptTcp, "hostile-dns-tcp");
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65_535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        udpQueries.incrementAndGet();
        udpClientPorts.add(packet.getPort());
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        SocketAddress client = packet.getSocketAddress();
        for (Reply reply : script.replies(query, false)) {
          sender.schedule(() -> sendUdp(reply, client), reply.delayMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void sendUdp(Reply reply, SocketAddress client) {
    try {
      (reply.fromOtherPort() ? otherPort : udp).send(new DatagramPacket(reply.wire(), reply.wire().length, client));
    } catch (IOException e) {
      // the client is gone
    }
  }

  private void acceptTcp() {
    while (!closed) {
      try {
        Socket connection = tcp.accept();
        connections.add(connection);
        daemon(() -> serveTcp(connection), "hostile-dns-tcp-connection");
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveTcp(Socket connection) {
    try (connection) {
      DataInputStream in = new DataInputStream(connection.getInputStream());
      DataOutputStream out = new DataOutputStream(connection.getOutputStream());
      while (!closed) {
        byte[] wire = new byte[in.readUnsignedShort()];
        in.readFully(wire);
        tcpQueries.incrementAndGet();
        List<Reply> replies = new ArrayList<>(script.replies(new Message(wire), true));
        for (Reply reply : replies) {
          if (reply.delayMillis() > 0) {
            Thread.sleep(reply.delayMillis());
          }
          out.writeShort(reply.wire().length);
          out.write(reply.wire());
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client hung up, or the server is closing
    } finally {
      connections.remove(connection);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
