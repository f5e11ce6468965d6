package org.rpa.server.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client on a plain socket, for what the JDK client hides: the body of a refused
 * upgrade, and a client that completes the upgrade and then does not read at all, so that TCP
 * backpressure reaches the server. Its receive buffer is small, and it reads frames only when asked
 * ({@link #readUntilClose()}).
 */
final class RawWebSocket implements AutoCloseable {
  /** The answer to the upgrade: its status, header block (lower case) and body. */
  record Answer(int status, String headers, String body) {}

  /** What {@link #readUntilClose()} found: the text frames before the close, and the close. */
  record Drained(long textFrames, int closeCode, String closeReason) {}

  private final Socket socket;
  private final InputStream in;
  private final Answer answer;

  private RawWebSocket(Socket socket, InputStream in, Answer answer) {
    this.socket = socket;
    this.in = in;
    this.answer = answer;
  }

  /**
   * Sends the upgrade request for {@code path} with {@code headers} and reads the answer's head.
   */
  static RawWebSocket upgrade(int port, String path, Map<String, String> headers) {
    try {
      Socket socket = new Socket();
      // Before connecting, so that the window the client offers stays small.
      socket.setReceiveBufferSize(4_096);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder();
      head.append("GET ").append(path).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      head.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
      head.append("Sec-WebSocket-Version: 13\r\n");
      head.append("Sec-WebSocket-Key: ")
          .append(Base64.getEncoder().encodeToString("0123456789abcdef".getBytes()))
          .append("\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("\r\n");
      socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      return new RawWebSocket(socket, in, readAnswer(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Answer answer() {
    return answer;
  }

  /**
   * Reads every frame the server sent until its close frame, counting the text frames.
   *
   * @throws IOException if the connection ends without a close frame
   */
  Drained readUntilClose() throws IOException {
    DataInputStream data = new DataInputStream(in);
    long texts = 0;
    while (true) {
      int first = data.readUnsignedByte();
      int second = data.readUnsignedByte();
      long length = second & 0x7f;
      if (length == 126) {
        length = data.readUnsignedShort();
      } else if (length == 127) {
        length = data.readLong();
      }
      byte[] payload = new byte[Math.toIntExact(length)];
      data.readFully(payload);
      int opcode = first & 0x0f;
      if (opcode == 0x1) {
        texts++;
      } else if (opcode == 0x8) {
        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        String reason =
            payload.length > 2
                ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                : "";
        return new Drained(texts, code, reason);
      }
    }
  }

  private static Answer readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("the server closed before answering: " + headBytes);
      }
      headBytes.write(next);
      matched = (next == '\r' || next == '\n') ? matched + 1 : 0;
    }
    String head = headBytes.toString(StandardCharsets.US_ASCII);
    int status = Integer.parseInt(head.substring(9, 12));
    String headers = head.toLowerCase(Locale.ROOT);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    String body = status == 101 ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Answer(status, headers, body);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
