package dev.ledger.command.storage;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledger.command.debate.DebateAggregate;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentMap;

/**
 * The cache of loaded debates behind Axon's caching repository, so a command does not re-read (and deserialize)
 * the debate's snapshot and events on every call. Bounded by the approximate heap size of the cached debates
 * ({@link DebateAggregate#approximateHeapBytes()}), least recently used out first, so the heap it takes is bounded
 * whatever the size of the debates.
 * <p>
 * Axon keeps it consistent with the event store: an entry is written when a command's unit of work prepares its
 * commit, evicted when that unit of work rolls back (also when the database commit fails), and the debate's lock is
 * held until the unit of work is cleaned up after its commit, so no other command of this instance reads an
 * uncommitted entry.
 * <p>
 * Another command-service instance on the same event store may append to a debate this one holds: the entry is then
 * stale, and a command run on it would decide by old rules (refuse a view on a claim whose resolution the other
 * instance annulled, answer an already-set view as unchanged though the other instance changed it since) without any
 * conflict to show it, because a refusal or an unchanged answer appends nothing. So an entry handed out to a command
 * is checked against the event store before that command commits or refuses, unless the command appended to the
 * debate, whose unique (debate, sequence) key refuses an append on a stale version anyway ({@link CachedDebateChecks});
 * a stale entry makes the command run again on the stored debate (CommandExecution). Outside a command an entry is
 * checked when it is asked for.
 */
public final class DebateCache implements Cache {

    /** Axon 4.13's AggregateCacheEntry has no accessor for the aggregate it holds; the weigher reads the field. */
    private static final VarHandle AGGREGATE_ROOT;

    /** Nor for its version (the sequence number of its last event, 0-based, as in the event store). */
    private static final VarHandle VERSION;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup());
            AGGREGATE_ROOT = lookup.findVarHandle(AggregateCacheEntry.class, "aggregateRoot", Object.class);
            VERSION = lookup.findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentMap<Object, Object> entries;
    private final CachedDebateChecks checks;

    public DebateCache(long maximumBytes, CachedDebateChecks checks) {
        this.checks = checks;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maximumBytes)
                // evict on the writing thread, so the bound holds as soon as a write returns
                .executor(Runnable::run)
                .weigher((Object key, Object value) -> (int) Math.min(Integer.MAX_VALUE, approximateBytes(value)))
                .build()
                .asMap();
    }

    static long approximateBytes(Object cached) {
        if (cached instanceof AggregateCacheEntry<?> entry
                && AGGREGATE_ROOT.get(entry) instanceof DebateAggregate debate) {
            return debate.approximateHeapBytes();
        }
        return 1_024;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object cached = entries.get(key);
        if (cached instanceof AggregateCacheEntry<?> entry && key instanceof String debateId) {
            Long version = (Long) VERSION.get(entry);
            if (!checks.deferred(debateId, version) && !checks.isCurrent(debateId, version)) {
                entries.remove(key, cached);
                return null;
            }
        }
        return (V) cached;
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
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
}
