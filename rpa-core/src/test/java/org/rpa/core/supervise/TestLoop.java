package org.rpa.core.supervise;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A loop whose next pass can be told to crash or to block until interrupted. */
final class TestLoop implements SupervisedLoop {
  private final String name;
  final AtomicInteger passes = new AtomicInteger();
  final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicReference<String> crashNext = new AtomicReference<>();
  private volatile boolean blockNext;

  TestLoop(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration pollInterval() {
    return Duration.ofMillis(20);
  }

  @Override
  public boolean critical() {
    return true;
  }

  @Override
  public void runOnce() throws Exception {
    threads.add(Thread.currentThread());
    passes.incrementAndGet();
    String message = crashNext.getAndSet(null);
    if (message != null) {
      throw new IllegalStateException(message);
    }
    if (blockNext) {
      new CountDownLatch(1).await();
    }
  }

  void crashNext(String message) {
    crashNext.set(message);
  }

  void blockNext() {
    blockNext = true;
  }
}
