package dev.ledger.bench.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * N workers, each on its own thread repeating one operation back to back for a duration (a closed loop, as the
 * ledger's clients send one command at a time), all starting together.
 */
final class ClosedLoop {

    /** One operation of one worker; throwing ends the run with that failure. */
    interface Operation {
        void once() throws Exception;
    }

    private ClosedLoop() {
    }

    static Completions run(List<? extends Operation> workers, Duration duration, String threadName) throws InterruptedException {
        LongAdder completed = new LongAdder();
        List<Exception> failures = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (Operation worker : workers) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    while (System.nanoTime() < deadline[0]) {
                        worker.once();
                        completed.increment();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, threadName + "-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(threadName + " failed: " + failures.get(0).getMessage(), failures.get(0));
        }
        return new Completions(completed.sum(), (System.nanoTime() - start) / 1e9);
    }
}
