package dev.ledger.command.storage;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.ConcurrentMap;

/**
 * The cache of loaded debates behind Axon's caching repository, so a command does not re-read (and
 * deserialize) the debate's snapshot and events on every call.
 * <p>
 * Axon evicts an entry when its own unit of work rolls back, but here that unit of work only joins the
 * request's Spring transaction (see CommandExecution): it "commits" before the database does, so a command
 * whose transaction then fails (database gone, connection broken at commit) would leave its change in the
 * cached aggregate. Every entry read or written inside a Spring transaction is therefore evicted when that
 * transaction does not commit. The other half of keeping the cache honest is that commands on one debate run
 * one at a time through their whole transaction ({@code DebateLocks}), so no command sees a cached change that
 * has not committed yet. Another instance writing the same debate is caught by the unique (debate, sequence)
 * constraint: the command fails with a concurrency conflict, rolls back (evicting the stale entry) and retries.
 * <p>
 * Bounded by entry count; values are softly referenced, so memory pressure empties the cache before it could
 * exhaust the heap (a miss only costs a load from the event store).
 */
public final class TransactionBoundAggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    public TransactionBoundAggregateCache(long maximumEntries) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumEntries)
                .softValues()
                .build()
                .asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            evictUnlessCommitted(key);
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        evictUnlessCommitted(key);
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        evictUnlessCommitted(key);
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** Axon registers entry listeners only for saga caches; aggregates never do, and nothing here needs them. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache does not support entry listeners");
    }

    public long size() {
        return entries.size();
    }

    private void evictUnlessCommitted(Object key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        entries.remove(key);
                    }
                }
            });
        }
    }
}
