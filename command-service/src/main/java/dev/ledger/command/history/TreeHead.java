package dev.ledger.command.history;

/** A debate's Merkle tree as of {@code size} events: the RFC 9162 root hash over their leaves. */
record TreeHead(String debateId, long size, byte[] rootHash) {

    /** A debate's tree at one size: the tree is append-only, so the position names one root. */
    record Position(String debateId, long size) {
    }

    Position position() {
        return new Position(debateId, size);
    }
}
