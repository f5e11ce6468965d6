package org.rpa.server.security;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client behind a request, for the login lockout, the rate limits, the audit log
 * and the worker's IP allow-list. It is the TCP peer, unless the peer is one of the {@code
 * TRUSTED_PROXIES} (IPv4/IPv6 addresses and CIDR blocks, parsed as {@link IpAllowList} parses its
 * list; default none): then it is the right-most address of {@code X-Forwarded-For} (all its lines,
 * in order) that is not itself a trusted proxy, or the left-most one when every hop is trusted. An
 * {@code X-Forwarded-For} that is missing, or holds anything but plain IP literals where it is
 * read, gives the peer. Host names are never looked up.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientAddress {
  public static final String KEY = "TRUSTED_PROXIES";

  /** No trusted proxies: the client is always the TCP peer. */
  public static final ClientAddress NONE = trusting(List.of());

  private static final String HEADER = "X-Forwarded-For";
  private static final String ATTRIBUTE = ClientAddress.class.getName();
  private static final Pattern IPV4 =
      Pattern.compile(
          "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

  private final IpAllowList trusted;
  private final boolean none;

  private ClientAddress(IpAllowList trusted, boolean none) {
    this.trusted = trusted;
    this.none = none;
  }

  /**
   * Trusts {@code X-Forwarded-For} from peers in {@code proxies}.
   *
   * @throws IllegalArgumentException naming {@value #KEY} and the first entry that is neither an
   *     address nor a CIDR block
   */
  public static ClientAddress trusting(List<String> proxies) {
    return new ClientAddress(IpAllowList.parse(KEY, proxies), proxies.isEmpty());
  }

  /** The client address of {@code ctx}, worked out once per request. */
  public String of(Context ctx) {
    String cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    String peer = ctx.ip();
    String address = none ? peer : resolve(peer, Collections.list(ctx.req().getHeaders(HEADER)));
    ctx.attribute(ATTRIBUTE, address);
    return address;
  }

  /**
   * The client address of a request from {@code peer} (as the server reports it) carrying these
   * {@code X-Forwarded-For} lines.
   */
  public String resolve(String peer, List<String> forwardedFor) {
    if (none || forwardedFor.isEmpty() || !trusted.allows(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String line : forwardedFor) {
      Collections.addAll(hops, line.split(",", -1));
    }
    InetAddress client = null;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = literal(hops.get(i).strip());
      if (hop == null) {
        return peer;
      }
      client = hop;
      if (!trusted.allows(hop)) {
        break;
      }
    }
    return client == null ? peer : client.getHostAddress();
  }

  /** An IPv4 or IPv6 literal (IPv6 possibly in brackets), or null for anything else. */
  private static InetAddress literal(String text) {
    String address =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
      return null;
    }
    try {
      // With a colon or as four decimal parts, the JDK parses the literal and never asks DNS.
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return trusted.toString();
  }
}
