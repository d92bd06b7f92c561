package dev.ledger.events.history;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MerkleTreeTest {

    private static byte[] h(String hex) {
        return Sha256.fromHex(hex);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    // ---- by hand: RFC 9162 section 2.1.1 written out for 0, 1, 2 and 3 leaves

    @Test
    void rootsOfSmallTreesAreTheRfcFormulasWrittenOut() {
        byte[] a = bytes("a");
        byte[] b = bytes("b");
        byte[] c = bytes("c");
        byte[] la = Sha256.of(concat(new byte[] {0x00}, a));
        byte[] lb = Sha256.of(concat(new byte[] {0x00}, b));
        byte[] lc = Sha256.of(concat(new byte[] {0x00}, c));
        List<byte[]> leaves = List.of(MerkleTree.leafHash(a), MerkleTree.leafHash(b), MerkleTree.leafHash(c));

        // MTH({}) = SHA-256() ; MTH({a}) = SHA-256(0x00 || "a")
        assertThat(Sha256.hex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(MerkleTree.root(leaves, 1)).isEqualTo(la);
        // MTH({a, b}) = SHA-256(0x01 || MTH({a}) || MTH({b}))
        assertThat(MerkleTree.root(leaves, 2)).isEqualTo(Sha256.of(concat(new byte[] {0x01}, la, lb)));
        // n = 3: k = 2, MTH = SHA-256(0x01 || MTH({a, b}) || MTH({c}))
        byte[] ab = Sha256.of(concat(new byte[] {0x01}, la, lb));
        assertThat(MerkleTree.root(leaves, 3)).isEqualTo(Sha256.of(concat(new byte[] {0x01}, ab, lc)));
        // PATH(2, {a, b, c}) = [MTH({a, b})]; PATH(0, ...) = [MTH({b}), MTH({c})]
        assertThat(MerkleTree.inclusionProof(leaves, 2, 3)).containsExactly(ab);
        assertThat(MerkleTree.inclusionProof(leaves, 0, 3)).containsExactly(lb, lc);
        // PROOF(2, {a, b, c}) = [MTH({c})]: the old root is a full subtree, known to the verifier
        assertThat(MerkleTree.consistencyProof(leaves, 2, 3)).containsExactly(lc);
        // PROOF(1, {a, b, c}) = SUBPROOF(1, {a, b}, true) ++ [MTH({c})] = [MTH({b}), MTH({c})]
        assertThat(MerkleTree.consistencyProof(leaves, 1, 3)).containsExactly(lb, lc);
    }

    // ---- transparency-dev/merkle (Go), testonly/constants.go and proof/verify_test.go

    /** LeafInputs() of transparency-dev/merkle testonly/constants.go. */
    private static final String[] TD_LEAF_INPUTS = {
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

    /** RootHashes() of the same file, by tree size 0..8. */
    private static final String[] TD_ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private static List<byte[]> tdLeafHashes() {
        List<byte[]> leaves = new ArrayList<>();
        for (String input : TD_LEAF_INPUTS) {
            leaves.add(MerkleTree.leafHash(h(input)));
        }
        return leaves;
    }

    @Test
    void rootsMatchTransparencyDevVectorsForEverySize() {
        List<byte[]> leaves = tdLeafHashes();
        for (int size = 0; size <= 8; size++) {
            assertThat(Sha256.hex(MerkleTree.root(leaves, size))).as("size %d", size).isEqualTo(TD_ROOTS[size]);
            assertThat(Sha256.hex(MerkleFrontier.of(leaves.subList(0, size)).root())).as("frontier size %d", size)
                    .isEqualTo(TD_ROOTS[size]);
        }
    }

    /** CompactTrees() of testonly/constants.go: the perfect subtree hashes of each size, which the frontier stores. */
    @Test
    void frontierHoldsTheCompactRangeOfTransparencyDev() {
        List<byte[]> leaves = tdLeafHashes();
        // size 7: {nh[2][0], nh[1][2], nh[0][6]}
        byte[] expected = concat(new byte[] {0, 0, 0, 0, 0, 0, 0, 7},
                h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"));
        assertThat(MerkleFrontier.of(leaves.subList(0, 7)).toBytes()).isEqualTo(expected);
    }

    /** inclusionProofs of proof/verify_test.go; its leaf numbers are 1-based, our indexes 0-based. */
    @Test
    void inclusionProofsMatchTransparencyDevVectors() {
        List<byte[]> leaves = tdLeafHashes();
        assertInclusion(leaves, 0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertInclusion(leaves, 5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertInclusion(leaves, 2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertInclusion(leaves, 1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertInclusion(leaves, 0, 1);
    }

    /** consistencyProofs of proof/verify_test.go. */
    @Test
    void consistencyProofsMatchTransparencyDevVectors() {
        List<byte[]> leaves = tdLeafHashes();
        assertConsistency(leaves, 1, 1);
        assertConsistency(leaves, 1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertConsistency(leaves, 6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertConsistency(leaves, 2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertConsistency(leaves, 6, 7, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    private static void assertInclusion(List<byte[]> leaves, int index, int size, String... proofHex) {
        List<byte[]> proof = MerkleTree.inclusionProof(leaves, index, size);
        assertThat(proof.stream().map(Sha256::hex).toList()).as("PATH(%d, D[%d])", index, size).containsExactly(proofHex);
        assertThat(MerkleTree.verifyInclusion(index, size, leaves.get(index), proof, h(TD_ROOTS[size]))).isTrue();
    }

    private static void assertConsistency(List<byte[]> leaves, int m, int n, String... proofHex) {
        List<byte[]> proof = MerkleTree.consistencyProof(leaves, m, n);
        assertThat(proof.stream().map(Sha256::hex).toList()).as("PROOF(%d, D[%d])", m, n).containsExactly(proofHex);
        assertThat(MerkleTree.verifyConsistency(m, n, h(TD_ROOTS[m]), h(TD_ROOTS[n]), proof)).isTrue();
    }

    // ---- every small tree: proofs round-trip, and any change to a byte, an index or a size breaks them

    @Test
    void everyInclusionProofUpTo32LeavesVerifiesAndFailsWhenAnythingChanges() {
        List<byte[]> leaves = syntheticLeaves(32);
        for (int n = 1; n <= 32; n++) {
            byte[] root = MerkleTree.root(leaves, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleTree.inclusionProof(leaves, m, n);
                byte[] leaf = leaves.get(m);
                assertThat(MerkleTree.verifyInclusion(m, n, leaf, proof, root)).as("m=%d n=%d", m, n).isTrue();
                assertThat(MerkleTree.verifyInclusion(m, n, flip(leaf, 31), proof, root)).isFalse();
                assertThat(MerkleTree.verifyInclusion(m, n, leaf, proof, flip(root, 0))).isFalse();
                for (int i = 0; i < proof.size(); i++) {
                    List<byte[]> changed = new ArrayList<>(proof);
                    changed.set(i, flip(proof.get(i), i % 32));
                    assertThat(MerkleTree.verifyInclusion(m, n, leaf, changed, root)).as("m=%d n=%d proof[%d]", m, n, i).isFalse();
                }
                for (int other = 0; other < n; other++) {
                    if (other != m) {
                        assertThat(MerkleTree.verifyInclusion(other, n, leaf, proof, root))
                                .as("m=%d n=%d as index %d", m, n, other).isFalse();
                    }
                }
                // The size is bound to the root: the same proof does not show the leaf in the next tree.
                if (n < 32) {
                    assertThat(MerkleTree.verifyInclusion(m, n + 1, leaf, proof, MerkleTree.root(leaves, n + 1)))
                            .as("m=%d n+1=%d", m, n + 1).isFalse();
                }
                if (!proof.isEmpty()) {
                    assertThat(MerkleTree.verifyInclusion(m, n, leaf, proof.subList(0, proof.size() - 1), root)).isFalse();
                }
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(root);
                assertThat(MerkleTree.verifyInclusion(m, n, leaf, longer, root)).isFalse();
            }
        }
    }

    @Test
    void everyConsistencyProofUpTo32LeavesVerifiesAndFailsWhenAnythingChanges() {
        List<byte[]> leaves = syntheticLeaves(32);
        for (int n = 1; n <= 32; n++) {
            byte[] newRoot = MerkleTree.root(leaves, n);
            for (int m = 1; m <= n; m++) {
                byte[] oldRoot = MerkleTree.root(leaves, m);
                List<byte[]> proof = MerkleTree.consistencyProof(leaves, m, n);
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof)).as("m=%d n=%d", m, n).isTrue();
                assertThat(MerkleTree.verifyConsistency(m, n, flip(oldRoot, 5), newRoot, proof)).isFalse();
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, flip(newRoot, 5), proof)).isFalse();
                for (int i = 0; i < proof.size(); i++) {
                    List<byte[]> changed = new ArrayList<>(proof);
                    changed.set(i, flip(proof.get(i), 7));
                    assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, changed)).as("m=%d n=%d proof[%d]", m, n, i).isFalse();
                }
                if (m < n) {
                    assertThat(MerkleTree.verifyConsistency(m - 1, n, oldRoot, newRoot, proof)).as("m-1").isFalse();
                    assertThat(MerkleTree.verifyConsistency(m + 1, n, oldRoot, newRoot, proof)).as("m+1, m=%d n=%d", m, n).isFalse();
                    if (n < 32) {
                        assertThat(MerkleTree.verifyConsistency(m, n + 1, oldRoot, MerkleTree.root(leaves, n + 1), proof))
                                .as("n+1").isFalse();
                    }
                    assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof.subList(0, proof.size() - 1))).isFalse();
                    // A tree of m leaves that is not a prefix: one of its leaves differs.
                    List<byte[]> forked = new ArrayList<>(leaves.subList(0, m));
                    forked.set(m - 1, flip(forked.get(m - 1), 1));
                    assertThat(MerkleTree.verifyConsistency(m, n, MerkleTree.root(forked), newRoot, proof)).isFalse();
                }
            }
        }
    }

    @Test
    void theFrontierAgreesWithTheTreeAtEverySizeAndSurvivesItsBytes() {
        List<byte[]> leaves = syntheticLeaves(70);
        MerkleFrontier frontier = MerkleFrontier.EMPTY;
        for (int n = 0; n <= 70; n++) {
            assertThat(frontier.size()).isEqualTo(n);
            assertThat(frontier.root()).as("size %d", n).isEqualTo(MerkleTree.root(leaves, n));
            MerkleFrontier back = MerkleFrontier.fromBytes(frontier.toBytes());
            assertThat(back).isEqualTo(frontier);
            assertThat(back.root()).isEqualTo(frontier.root());
            if (n < 70) {
                frontier = frontier.append(leaves.get(n));
            }
        }
        byte[] truncated = java.util.Arrays.copyOf(frontier.toBytes(), frontier.toBytes().length - 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MerkleFrontier.fromBytes(truncated))
                .isInstanceOf(HistoryFormatException.class);
    }

    private static List<byte[]> syntheticLeaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(MerkleTree.leafHash(bytes("leaf " + i)));
        }
        return leaves;
    }

    private static byte[] flip(byte[] hash, int at) {
        byte[] copy = hash.clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
