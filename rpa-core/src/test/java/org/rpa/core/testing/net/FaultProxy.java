package org.rpa.core.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that sits in front of one real server and misbehaves on request: it adds
 * latency, drops connections, resets them, or swallows everything like a black hole. Tests point a
 * client at {@link #port()} instead of the server's and switch the fault while the client runs.
 *
 * <p>A fault applies to the connections open when it is set as well as to new ones: under {@link
 * Fault#RESET} every connection is reset at its next byte, under {@link Fault#BLACK_HOLE} bytes in
 * either direction are read and thrown away. {@link #pass()} heals the proxy for connections made
 * after it; a black-holed or dropped connection stays lost, as it would on a real network.
 *
 * <p>Thread-safe. Two threads per connection; {@link #close()} closes every socket it opened.
 */
public final class FaultProxy implements AutoCloseable {

  /** What the proxy does to traffic. */
  public enum Fault {
    /** Forwards every byte, after the configured latency. */
    PASS,
    /** Accepts and reads, forwards nothing, never answers and never closes. */
    BLACK_HOLE,
    /** Answers every connection and every byte with a TCP reset. */
    RESET,
    /** Closes the given fraction of new connections at once, without a byte; passes the rest. */
    DROP
  }

  private static final int BUFFER = 16 * 1024;

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.PASS);
  private final AtomicLong latencyNanos = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong forwardedBytes = new AtomicLong();
  private final Random random;
  private volatile double dropFraction;
  private volatile boolean closed;

  private FaultProxy(InetSocketAddress target, long seed) throws IOException {
    this.target = target;
    this.random = new Random(seed);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy in front of {@code host:port}, passing traffic until told otherwise. */
  public static FaultProxy to(String host, int port) {
    return to(host, port, 1L);
  }

  /**
   * A proxy in front of {@code host:port}; {@code seed} decides which connections {@link
   * #drop(double)} drops, so that a failing run replays.
   */
  public static FaultProxy to(String host, int port, long seed) {
    try {
      return new FaultProxy(new InetSocketAddress(host, port), seed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The loopback port clients connect to instead of the server's. */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}, the proxy's address as a URL. */
  public String httpUrl() {
    return "http://" + listener.getInetAddress().getHostAddress() + ":" + port();
  }

  /** Forwards everything again (with the latency set, if any). */
  public FaultProxy pass() {
    fault.set(Fault.PASS);
    return this;
  }

  /** Holds every chunk of bytes, in both directions, for {@code latency} before forwarding it. */
  public FaultProxy latency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, but was " + latency);
    }
    latencyNanos.set(latency.toNanos());
    return this;
  }

  /** Swallows every byte from now on, answering nothing. */
  public FaultProxy blackHole() {
    fault.set(Fault.BLACK_HOLE);
    return this;
  }

  /** Resets every connection, open or new, from now on. */
  public FaultProxy reset() {
    fault.set(Fault.RESET);
    for (Socket socket : open) {
      abort(socket);
    }
    return this;
  }

  /** Closes {@code fraction} (0 to 1) of the connections made from now on, passing the rest. */
  public FaultProxy drop(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be within 0..1, but was " + fraction);
    }
    dropFraction = fraction;
    fault.set(Fault.DROP);
    return this;
  }

  /** The fault in force. */
  public Fault fault() {
    return fault.get();
  }

  /** Connections accepted, including those then dropped, reset or swallowed. */
  public long accepted() {
    return accepted.get();
  }

  /** Connections dropped or reset on arrival. */
  public long refused() {
    return refused.get();
  }

  /**
   * Bytes forwarded, both directions together: a byte counts once it is handed to the other side,
   * so the count already holds every byte the other side has read.
   */
  public long forwardedBytes() {
    return forwardedBytes.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      accepted.incrementAndGet();
      open.add(client);
      switch (fault.get()) {
        case RESET -> {
          refused.incrementAndGet();
          abort(client);
        }
        case DROP -> {
          if (nextDouble() < dropFraction) {
            refused.incrementAndGet();
            quietlyClose(client);
          } else {
            connect(client);
          }
        }
        case BLACK_HOLE -> swallow(client);
        case PASS -> connect(client);
      }
    }
  }

  private synchronized double nextDouble() {
    return random.nextDouble();
  }

  private void connect(Socket client) {
    Socket server = new Socket();
    try {
      server.connect(target, 5_000);
    } catch (IOException unreachable) {
      quietlyClose(server);
      abort(client);
      return;
    }
    open.add(server);
    pump(client, server, "up");
    pump(server, client, "down");
  }

  /** Reads from {@code client} forever and throws it away: the far end never hears of it. */
  private void swallow(Socket client) {
    start(
        () -> {
          try (InputStream in = client.getInputStream()) {
            byte[] buffer = new byte[BUFFER];
            while (in.read(buffer) >= 0) {
              // swallowed
            }
          } catch (IOException gone) {
            // the client gave up
          } finally {
            quietlyClose(client);
          }
        },
        "swallow");
  }

  private void pump(Socket from, Socket to, String direction) {
    start(
        () -> {
          byte[] buffer = new byte[BUFFER];
          try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
              long latency = latencyNanos.get();
              if (latency > 0) {
                LockSupport.parkNanos(latency);
              }
              Fault now = fault.get();
              if (now == Fault.RESET) {
                abort(from);
                abort(to);
                return;
              }
              if (now == Fault.BLACK_HOLE) {
                continue;
              }
              // counted before the write, so that whoever reads these bytes already sees them
              // counted
              forwardedBytes.addAndGet(read);
              out.write(buffer, 0, read);
              out.flush();
            }
            // an orderly end: pass it on, and let the other direction finish
            to.shutdownOutput();
          } catch (IOException broken) {
            abort(from);
            abort(to);
          }
        },
        direction);
  }

  private void start(Runnable work, String what) {
    Thread thread = new Thread(work, "fault-proxy-" + port() + "-" + what);
    thread.setDaemon(true);
    thread.start();
  }

  /** Closes with a TCP reset rather than a FIN. */
  private void abort(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException alreadyClosed) {
      // closing it is all that is left
    }
    quietlyClose(socket);
  }

  private void quietlyClose(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
  }

  /** Stops listening and closes every connection it holds. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
    for (Socket socket : open) {
      quietlyClose(socket);
    }
    try {
      acceptor.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FaultProxy[" + port() + " -> " + target + ", " + fault.get() + "]";
  }

  /** The server behind the proxy. */
  public InetSocketAddress target() {
    return target;
  }
}
