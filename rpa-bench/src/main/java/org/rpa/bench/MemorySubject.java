package org.rpa.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/** The ceiling: no database, an in-memory queue and 16 threads that take from it. */
final class MemorySubject implements Subject {
  private static final int STOP = -1;
  private final LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
  private final AtomicLong pending = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();

  @Override
  public void submitBatch(int from, int count) {
    var batch = new ArrayList<Integer>(count);
    for (int i = from; i < from + count; i++) {
      batch.add(i);
    }
    pending.addAndGet(count);
    queue.addAll(batch);
  }

  @Override
  public void submitOne(int i) {
    pending.incrementAndGet();
    queue.add(i);
  }

  @Override
  public void resume() {
    for (int t = 0; t < BenchRun.THREADS; t++) {
      var thread = new Thread(this::work, "bench-memory-" + t);
      thread.start();
      threads.add(thread);
    }
  }

  private void work() {
    try {
      while (true) {
        int i = queue.take();
        if (i == STOP) {
          return;
        }
        Recorder.ran(i);
        pending.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void pause() throws InterruptedException {
    for (int t = 0; t < threads.size(); t++) {
      queue.add(STOP);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    threads.clear();
  }

  @Override
  public long pending() {
    return pending.get();
  }

  @Override
  public void close() throws InterruptedException {
    pause();
  }
}
