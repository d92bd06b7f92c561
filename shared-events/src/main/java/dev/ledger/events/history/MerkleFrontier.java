package dev.ledger.events.history;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The right edge of a growing Merkle tree: the hashes of its perfect subtrees from left to right (one per set bit of
 * the size, largest first), enough to append a leaf and compute the root without the earlier leaves. Immutable;
 * {@link #toBytes()} is what a tree-head row stores: 8 bytes of size (big-endian), then the hashes.
 */
public final class MerkleFrontier {

    public static final MerkleFrontier EMPTY = new MerkleFrontier(0, List.of());

    private final long size;
    private final List<byte[]> hashes;

    private MerkleFrontier(long size, List<byte[]> hashes) {
        this.size = size;
        this.hashes = hashes;
    }

    /** The frontier of the tree over these leaf hashes. */
    public static MerkleFrontier of(List<byte[]> leafHashes) {
        return EMPTY.appendAll(leafHashes);
    }

    public long size() {
        return size;
    }

    public MerkleFrontier append(byte[] leafHash) {
        if (leafHash == null || leafHash.length != Sha256.SIZE) {
            throw new IllegalArgumentException("a leaf hash has " + Sha256.SIZE + " bytes");
        }
        List<byte[]> next = new ArrayList<>(hashes);
        next.add(leafHash.clone());
        // Each trailing 1 bit of the old size is a perfect subtree as large as the one just completed: merge it.
        for (long s = size; (s & 1) == 1; s >>= 1) {
            byte[] right = next.remove(next.size() - 1);
            byte[] left = next.remove(next.size() - 1);
            next.add(MerkleTree.nodeHash(left, right));
        }
        return new MerkleFrontier(size + 1, Collections.unmodifiableList(next));
    }

    public MerkleFrontier appendAll(List<byte[]> leafHashes) {
        MerkleFrontier frontier = this;
        for (byte[] leafHash : leafHashes) {
            frontier = frontier.append(leafHash);
        }
        return frontier;
    }

    /** MTH of the tree so far (RFC 9162: SHA-256 of the empty string for no leaves). */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(hashes.get(i), root);
        }
        return root.clone();
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + hashes.size() * Sha256.SIZE);
        buffer.putLong(size);
        hashes.forEach(buffer::put);
        return buffer.array();
    }

    public static MerkleFrontier fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < Long.BYTES) {
            throw new HistoryFormatException("a frontier starts with its 8-byte size");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long size = buffer.getLong();
        if (size < 0 || bytes.length != Long.BYTES + Long.bitCount(size) * Sha256.SIZE) {
            throw new HistoryFormatException("a frontier of size " + size + " has " + Long.bitCount(size)
                    + " hashes, these bytes hold " + (bytes.length - Long.BYTES) / (double) Sha256.SIZE);
        }
        List<byte[]> hashes = new ArrayList<>();
        while (buffer.hasRemaining()) {
            byte[] hash = new byte[Sha256.SIZE];
            buffer.get(hash);
            hashes.add(hash);
        }
        return new MerkleFrontier(size, Collections.unmodifiableList(hashes));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MerkleFrontier that && Arrays.equals(toBytes(), that.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "MerkleFrontier[size=" + size + ", root=" + Sha256.hex(root()) + "]";
    }
}
