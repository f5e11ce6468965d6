package org.rpa.core;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * How a process of this product names itself: in the executors table, in a worker service's {@code
 * /status}, in the logs. Read once at start-up and passed on; the engine never asks for it.
 */
public final class ProcessIdentity {
  private ProcessIdentity() {}

  /** This machine's host name, or {@code localhost} when it cannot be resolved. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /**
   * A name for one run of this process, unique even when a restarted process gets the same pid:
   * {@code <host>-<pid>-<8 random hex digits>}.
   */
  public static String instanceName(String hostName) {
    long pid = ManagementFactory.getRuntimeMXBean().getPid();
    return hostName + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
