package dev.ledger.system;

import dev.ledger.system.JsonHttp.Answer;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How soon after a recovery point (a restarted service reporting ready, a broker back) the ledger works end to
 * end again: a claim stated now is readable on the query side with {@code ?minSequence=} (its sequence). Measured
 * from the recovery point, so the time the command itself waited counts too.
 */
final class TimeToVisible {

    private TimeToVisible() {
    }

    /**
     * States a claim in the debate (recorded as one of the load's accepted commands) as its first participant, then reads
     * the debate with {@code ?minSequence=} until it answers 200; fails when that takes longer than {@code bound}
     * after {@code recoveredAtNanos} ({@link System#nanoTime()}).
     */
    static Duration measure(RunningLedger ledger, CommandLoad load, CommandLoad.Debate debate, long recoveredAtNanos,
                            Duration bound, ScenarioTally tally, String what) throws InterruptedException {
        String debateId = debate.id();
        long giveUpAt = recoveredAtNanos + bound.plusSeconds(60).toNanos();
        long sequence = -1;
        Answer stated = null;
        while (sequence < 0 && System.nanoTime() < giveUpAt) {
            stated = ledger.commands().post("/debates/" + debateId + "/claims",
                    Map.of("statement", "visible after " + what, "by", debate.participants().get(0)), Duration.ofSeconds(10));
            if (stated.status() == 201) {
                sequence = stated.body().path("sequence").asLong();
                load.accepted.add(new Accepted(debateId, sequence, "ClaimStated", stated.body().path("claimId").asString()));
            } else {
                Thread.sleep(100);
            }
        }
        assertThat(sequence).as("a claim stated after %s was accepted; the last answer: %s", what, stated).isPositive();
        while (System.nanoTime() < giveUpAt) {
            Answer read = ledger.queries().get("/debates/" + debateId + "?minSequence=" + sequence, Duration.ofSeconds(10));
            if (read.status() == 200) {
                Duration took = Duration.ofNanos(System.nanoTime() - recoveredAtNanos);
                tally.note(String.format("time to visible after %s %.1f s (bound %d s)", what, took.toMillis() / 1000.0, bound.toSeconds()));
                assertThat(took).as("time from %s until a command accepted then was visible with ?minSequence=", what)
                        .isLessThanOrEqualTo(bound);
                return took;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("a claim accepted after " + what + " (sequence " + sequence + " of " + debateId
                + ") was not visible with ?minSequence= within " + bound.plusSeconds(60));
    }
}
