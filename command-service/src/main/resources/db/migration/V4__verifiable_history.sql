-- Verifiable history (issue 16): each debate's RFC 9162 Merkle tree over its events, kept in the transaction that
-- appends them (dev.ledger.command.history.TreeHeads). Leaf i is the hash of event sequence i+1's canonical envelope,
-- built from the stored row; kept so proofs need no rehashing of payloads.
CREATE TABLE debate_tree_head (
    debate_id  VARCHAR(255) PRIMARY KEY,
    tree_size  BIGINT       NOT NULL,
    root_hash  BYTEA        NOT NULL,
    -- the right-edge subtree roots the next leaf needs (MerkleFrontier's bytes)
    frontier   BYTEA        NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE debate_tree_leaf (
    debate_id VARCHAR(255) NOT NULL,
    -- the envelope's sequence (1-based, Axon's sequence_number + 1); leaf index = sequence - 1
    sequence  BIGINT       NOT NULL,
    leaf_hash BYTEA        NOT NULL,
    PRIMARY KEY (debate_id, sequence)
);
