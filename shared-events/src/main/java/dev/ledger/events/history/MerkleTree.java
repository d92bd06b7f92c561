package dev.ledger.events.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 section 2.1 over SHA-256: its hashes, and the generation and verification of
 * inclusion proofs (PATH, 2.1.3) and consistency proofs (PROOF/SUBPROOF, 2.1.4). Generation works on the list of
 * leaf hashes (the first {@code treeSize} of them); verification needs only the proof.
 */
public final class MerkleTree {

    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};

    private MerkleTree() {
    }

    /** SHA-256(0x00 || entry). */
    public static byte[] leafHash(byte[] entry) {
        return Sha256.of(LEAF_PREFIX, entry);
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return Sha256.of(NODE_PREFIX, left, right);
    }

    /** MTH({}) = SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return Sha256.of();
    }

    /** MTH over all the given leaf hashes. */
    public static byte[] root(List<byte[]> leafHashes) {
        return root(leafHashes, leafHashes.size());
    }

    /** MTH over the first {@code treeSize} leaf hashes. */
    public static byte[] root(List<byte[]> leafHashes, long treeSize) {
        int size = checkedSize(leafHashes, treeSize);
        return size == 0 ? emptyRoot() : subtreeHash(leafHashes, 0, size);
    }

    /** PATH(leafIndex, D[treeSize]): the audit path of leaf {@code leafIndex} (0-based) in the tree of the first {@code treeSize} leaves. */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, long leafIndex, long treeSize) {
        int size = checkedSize(leafHashes, treeSize);
        if (leafIndex < 0 || leafIndex >= size) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is outside a tree of " + size + " leaves");
        }
        List<byte[]> proof = new ArrayList<>();
        path((int) leafIndex, leafHashes, 0, size, proof);
        return proof;
    }

    /** PROOF(oldSize, D[newSize]): that the tree of the first {@code oldSize} leaves is a prefix of the one of {@code newSize}. */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, long oldSize, long newSize) {
        int size = checkedSize(leafHashes, newSize);
        if (oldSize < 0 || oldSize > size) {
            throw new IllegalArgumentException("old size " + oldSize + " is outside 0.." + size);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < size) {
            subproof((int) oldSize, leafHashes, 0, size, true, proof);
        }
        return proof;
    }

    /** RFC 9162 2.1.3.2: does {@code proof} show the leaf with this hash at {@code leafIndex} in the tree with {@code root}? */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (leafIndex < 0 || leafIndex >= treeSize || !isHash(leafHash) || !isHash(root) || !allHashes(proof)) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: does {@code proof} show that the tree of {@code oldSize} with {@code oldRoot} is a prefix of the one of {@code newSize} with {@code newRoot}? */
    public static boolean verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (oldSize < 0 || oldSize > newSize || !isHash(oldRoot) || !isHash(newRoot) || !allHashes(proof)) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        if (oldSize == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(oldSize) == 1) {
            path.add(0, oldRoot);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot) && sn == 0;
    }

    /** The largest power of two smaller than {@code n} (n > 1): where RFC 9162 splits a tree of n leaves. */
    static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static byte[] subtreeHash(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = split(n);
        return nodeHash(subtreeHash(leaves, from, from + k), subtreeHash(leaves, from + k, to));
    }

    private static void path(int m, List<byte[]> leaves, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(m, leaves, from, from + k, out);
            out.add(subtreeHash(leaves, from + k, to));
        } else {
            path(m - k, leaves, from + k, to, out);
            out.add(subtreeHash(leaves, from, from + k));
        }
    }

    private static void subproof(int m, List<byte[]> leaves, int from, int to, boolean complete, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(subtreeHash(leaves, from, to));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(m, leaves, from, from + k, complete, out);
            out.add(subtreeHash(leaves, from + k, to));
        } else {
            subproof(m - k, leaves, from + k, to, false, out);
            out.add(subtreeHash(leaves, from, from + k));
        }
    }

    private static int checkedSize(List<byte[]> leafHashes, long treeSize) {
        if (treeSize < 0 || treeSize > leafHashes.size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " is outside 0.." + leafHashes.size());
        }
        return (int) treeSize;
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == Sha256.SIZE;
    }

    private static boolean allHashes(List<byte[]> proof) {
        return proof != null && proof.stream().allMatch(MerkleTree::isHash);
    }
}
