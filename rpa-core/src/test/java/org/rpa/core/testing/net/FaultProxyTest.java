package org.rpa.core.testing.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy in front of a real echo server on loopback, one fault at a time. */
class FaultProxyTest {
  private ServerSocket echo;
  private Thread echoLoop;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    echoLoop =
        new Thread(
            () -> {
              while (!echo.isClosed()) {
                try {
                  Socket socket = echo.accept();
                  Thread echoing = new Thread(() -> echo(socket));
                  echoing.setDaemon(true);
                  echoing.start();
                } catch (IOException closed) {
                  return;
                }
              }
            });
    echoLoop.setDaemon(true);
    echoLoop.start();
    proxy = FaultProxy.to("127.0.0.1", echo.getLocalPort(), 42);
  }

  @AfterEach
  void stop() throws IOException, InterruptedException {
    proxy.close();
    echo.close();
    echoLoop.join(5_000);
  }

  @Test
  void passing_it_forwards_both_ways_and_counts_the_bytes() throws IOException {
    try (Socket client = connect()) {
      assertThat(roundTrip(client, "hello")).isEqualTo("hello");
    }
    assertThat(proxy.accepted()).isEqualTo(1);
    assertThat(proxy.forwardedBytes()).isEqualTo(10);
  }

  @Test
  void latency_delays_each_chunk_in_each_direction() throws IOException {
    proxy.latency(Duration.ofMillis(150));
    try (Socket client = connect()) {
      long start = System.nanoTime();
      assertThat(roundTrip(client, "slow")).isEqualTo("slow");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("a round trip through two delayed chunks")
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void a_black_hole_answers_nothing_and_keeps_the_connection_open() throws IOException {
    try (Socket before = connect()) {
      assertThat(roundTrip(before, "a")).isEqualTo("a");
      proxy.blackHole();
      try (Socket after = connect()) {
        after.setSoTimeout(300);
        send(after, "lost");
        assertThatThrownBy(() -> after.getInputStream().read())
            .isInstanceOf(SocketTimeoutException.class);
      }
      before.setSoTimeout(300);
      send(before, "also lost");
      assertThatThrownBy(() -> before.getInputStream().read())
          .as("an open connection is swallowed too")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void a_reset_breaks_open_connections_and_refuses_new_ones() throws IOException {
    try (Socket open = connect()) {
      assertThat(roundTrip(open, "a")).isEqualTo("a");
      proxy.reset();
      assertThatThrownBy(() -> roundTrip(open, "b")).isInstanceOf(SocketException.class);
    }
    try (Socket late = connect()) {
      assertThatThrownBy(() -> roundTrip(late, "c")).isInstanceOf(SocketException.class);
    }
    assertThat(proxy.refused()).isEqualTo(1);

    proxy.pass();
    try (Socket healed = connect()) {
      assertThat(roundTrip(healed, "d")).isEqualTo("d");
    }
  }

  @Test
  void dropping_closes_that_fraction_of_new_connections_the_same_way_for_one_seed()
      throws IOException {
    proxy.drop(0.5);
    int dropped = 0;
    for (int i = 0; i < 40; i++) {
      try (Socket client = connect()) {
        client.setSoTimeout(5_000);
        send(client, "x");
        if (client.getInputStream().read() < 0) {
          dropped++;
        }
      } catch (SocketException reset) {
        // the close raced the write: dropped as well
        dropped++;
      }
    }
    assertThat(dropped).isBetween(8, 32).isEqualTo((int) proxy.refused());
    proxy.drop(1);
    try (Socket client = connect()) {
      client.setSoTimeout(5_000);
      assertThat(client.getInputStream().read()).isEqualTo(-1);
    }
    assertThatThrownBy(() -> proxy.drop(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Writes back every byte it reads until the client closes. */
  private static void echo(Socket socket) {
    try (socket) {
      socket.getInputStream().transferTo(socket.getOutputStream());
    } catch (IOException gone) {
      // the proxy reset or closed it
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String roundTrip(Socket socket, String text) throws IOException {
    send(socket, text);
    InputStream in = socket.getInputStream();
    byte[] answer = in.readNBytes(text.length());
    if (answer.length < text.length()) {
      throw new SocketException("closed after " + answer.length + " bytes");
    }
    return new String(answer, StandardCharsets.UTF_8);
  }
}
