package org.rpa.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what the JDK client cannot send deterministically: a request
 * that declares a body too large for the server and sends only its head. A server that refuses the
 * declared size before reading answers at once; sending the whole body instead races the server's
 * close against the client's writes, and the answer can be lost in the reset.
 */
public final class RawHttp {
  /** The status, the header block (lower case) and the body of an answer. */
  public record Answer(int status, String headers, String body) {}

  private RawHttp() {}

  /** Sends the head of {@code method path} declaring {@code declaredLength} body bytes. */
  public static Answer declareBody(
      int port, String method, String path, Map<String, String> headers, long declaredLength) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("Content-Length: ").append(declaredLength).append("\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer read(InputStream in) throws IOException {
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
    byte[] body = in.readNBytes(length);
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }
}
