package org.rpa.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Refuses a request whose declared {@code Content-Length} is over the limit before anything reads
 * its body. A client that sent {@code Expect: 100-continue} then gets the 413 without sending the
 * body at all; answered only once the body is being read, the 413 can be lost when the server
 * closes the connection while the client is still writing.
 */
public final class BodyLimit {
  private BodyLimit() {}

  /** A before-handler for bodies of at most {@code maxBytes}. */
  public static Handler of(long maxBytes) {
    return ctx -> refuse(ctx, maxBytes);
  }

  private static void refuse(Context ctx, long maxBytes) {
    long length = ctx.req().getContentLengthLong();
    if (length > maxBytes) {
      throw new ApiException(
          413,
          "PayloadTooLargeError",
          "The request body is " + length + " bytes; at most " + maxBytes + " are accepted");
    }
  }
}
