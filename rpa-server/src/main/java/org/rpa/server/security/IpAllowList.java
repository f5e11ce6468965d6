package org.rpa.server.security;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code AUTHORIZED_WORKER_IPS} (and {@code TRUSTED_PROXIES}, {@link ClientAddress}): single IPv4
 * or IPv6 addresses and CIDR blocks. An IPv4-mapped IPv6 caller ({@code ::ffff:10.0.0.1}) is
 * matched as its IPv4 address. Immutable and thread-safe.
 */
public final class IpAllowList {
  private static final Pattern LITERAL = Pattern.compile("^[0-9a-fA-F:.]+$");

  private record Block(byte[] network, int prefix, String text) {}

  private final List<Block> blocks;

  private IpAllowList(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /**
   * Parses the entries: {@code 10.0.0.5}, {@code 192.168.1.0/24}, {@code ::1}, {@code fd00::/8}.
   *
   * @throws IllegalArgumentException naming the first entry that is neither
   */
  public static IpAllowList parse(List<String> entries) {
    return parse("AUTHORIZED_WORKER_IPS", entries);
  }

  /**
   * Parses the entries of the setting {@code key}, as {@link #parse(List)} does.
   *
   * @throws IllegalArgumentException naming {@code key} and the first entry that is neither
   */
  public static IpAllowList parse(String key, List<String> entries) {
    var blocks = new ArrayList<Block>();
    for (String entry : entries) {
      String text = entry.trim();
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      byte[] bytes = literal(key, address, entry);
      int max = bytes.length * 8;
      int prefix = max;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
          throw invalid(key, entry);
        }
      }
      blocks.add(new Block(bytes, prefix, text));
    }
    return new IpAllowList(blocks);
  }

  /** True if {@code address} is in one of the blocks. */
  public boolean allows(InetAddress address) {
    byte[] bytes = unmapped(address.getAddress());
    for (Block block : blocks) {
      if (block.network.length == bytes.length && matches(block, bytes)) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code address} (a literal, as a server reports its peer) is allowed. */
  public boolean allows(String address) {
    String literal = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    try {
      return LITERAL.matcher(literal).matches() && allows(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean matches(Block block, byte[] address) {
    int bits = block.network.length * 8;
    BigInteger mask =
        block.prefix == 0
            ? BigInteger.ZERO
            : BigInteger.ONE
                .shiftLeft(bits)
                .subtract(BigInteger.ONE)
                .shiftRight(bits - block.prefix)
                .shiftLeft(bits - block.prefix);
    BigInteger network = new BigInteger(1, block.network).and(mask);
    return new BigInteger(1, address).and(mask).equals(network);
  }

  private static byte[] literal(String key, String address, String entry) {
    if (!LITERAL.matcher(address).matches()) {
      throw invalid(key, entry);
    }
    try {
      return unmapped(InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException e) {
      throw invalid(key, entry);
    }
  }

  private static byte[] unmapped(byte[] bytes) {
    if (bytes.length == 16) {
      boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = bytes[i] == 0;
      }
      if (mapped) {
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
      }
    }
    return bytes;
  }

  private static IllegalArgumentException invalid(String key, String entry) {
    return new IllegalArgumentException(
        key + " must hold IP addresses or CIDR blocks, but had " + entry);
  }

  @Override
  public String toString() {
    return blocks.stream().map(Block::text).toList().toString();
  }
}
