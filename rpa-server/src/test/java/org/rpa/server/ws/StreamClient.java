package org.rpa.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.rpa.server.TestServer;

/**
 * A JDK {@link WebSocket} client of a stream that keeps what it receives: each text message, and
 * the close code and reason the server sends.
 */
final class StreamClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The close code and reason the server sent. */
  record Closed(int code, String reason) {}

  private final WebSocket socket;
  private final LinkedBlockingQueue<String> received;
  private final CompletableFuture<Closed> closed;

  private StreamClient(
      WebSocket socket, LinkedBlockingQueue<String> received, CompletableFuture<Closed> closed) {
    this.socket = socket;
    this.received = received;
    this.closed = closed;
  }

  /** How to open a stream. */
  static final class Opening {
    private final TestServer server;
    private final String path;
    private final WebSocket.Builder builder;

    private Opening(TestServer server, String path) {
      this.server = server;
      this.path = path;
      this.builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
    }

    Opening header(String name, String value) {
      builder.header(name, value);
      return this;
    }

    Opening bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    Opening subprotocols(String first, String... more) {
      builder.subprotocols(first, more);
      return this;
    }

    /** Opens it, or throws what the handshake failed with. */
    StreamClient open() {
      var received = new LinkedBlockingQueue<String>();
      var closed = new CompletableFuture<Closed>();
      URI uri = URI.create(server.base().replaceFirst("^http", "ws") + path);
      LiveStreams streams = server.server.streams();
      long before = streams.opened();
      try {
        WebSocket socket =
            builder.buildAsync(uri, new Collector(received, closed)).get(30, TimeUnit.SECONDS);
        // the handshake's answer reaches us a moment before the server registers the connection:
        // until it has, an event published now would not be sent to it
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.opened() == before) {
          if (System.nanoTime() - deadline > 0) {
            throw new AssertionError(path + " opened, but the server never registered it");
          }
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return new StreamClient(socket, received, closed);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException runtime
            ? runtime
            : new CompletionException(e.getCause());
      } catch (InterruptedException | TimeoutException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The HTTP status the upgrade was refused with, and its body. */
    Refusal refused() {
      try {
        open().close();
        throw new AssertionError(path + " opened, but it should have been refused");
      } catch (CompletionException e) {
        if (e.getCause() instanceof WebSocketHandshakeException handshake) {
          Object body = handshake.getResponse().body();
          String text =
              body instanceof byte[] bytes
                  ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                  : String.valueOf(body);
          return new Refusal(handshake.getResponse().statusCode(), text);
        }
        throw e;
      }
    }
  }

  /** A refused upgrade: its status and body. */
  record Refusal(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(body, e);
      }
    }
  }

  static Opening to(TestServer server, String path) {
    return new Opening(server, path);
  }

  String subprotocol() {
    return socket.getSubprotocol();
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next message, as JSON; fails after {@link #WAIT}. */
  JsonNode next() {
    try {
      String text = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        throw new AssertionError("no message within " + WAIT);
      }
      return JSON.readTree(text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next message that matches, skipping the others; fails after {@link #WAIT}. */
  JsonNode next(Predicate<JsonNode> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> skipped = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      JsonNode message = next();
      if (wanted.test(message)) {
        return message;
      }
      skipped.add(message);
    }
    throw new AssertionError("no matching message within " + WAIT + "; skipped " + skipped);
  }

  /** Messages received and not read yet. */
  List<JsonNode> pending() {
    List<String> texts = new ArrayList<>();
    received.drainTo(texts);
    return texts.stream()
        .map(
            text -> {
              try {
                return JSON.readTree(text);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  /** The close the server sent; fails after {@link #WAIT}. */
  Closed awaitClose() {
    try {
      return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("no close within " + WAIT, e);
    }
  }

  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        socket.abort();
      }
    }
  }

  private static final class Collector implements WebSocket.Listener {
    private final LinkedBlockingQueue<String> received;
    private final CompletableFuture<Closed> closed;
    private final StringBuilder partial = new StringBuilder();

    Collector(LinkedBlockingQueue<String> received, CompletableFuture<Closed> closed) {
      this.received = received;
      this.closed = closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      closed.complete(new Closed(code, reason));
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
