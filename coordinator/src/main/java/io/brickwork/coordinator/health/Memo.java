package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.health.rules.Now;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One rule's latest answers, one per slot (a node, a volume's brick, a node's mount of a
 * volume). An answer is given again while the rule's input is equal to the one it was computed
 * from and the moment is one it holds for, as its {@link Now} noted. The memo knows nothing of the
 * rule: a rule's input is all it reads besides the moment.
 *
 * <p>Not thread-safe.
 */
final class Memo<I, O> {
    private record Answer<I, O>(I input, O output, long fromMillis, long untilMillis) {
        boolean holds(I newInput, long millis) {
            return fromMillis <= millis && millis < untilMillis && input.equals(newInput);
        }
    }

    private final BiFunction<I, Now, O> rule;
    private final Function<I, Object> slot;
    private Map<Object, Answer<I, O>> previous = new HashMap<>();
    private Map<Object, Answer<I, O>> current = new HashMap<>();

    Memo(BiFunction<I, Now, O> rule, Function<I, Object> slot) {
        this.rule = requireNonNull(rule, "rule is null");
        this.slot = requireNonNull(slot, "slot is null");
    }

    /** The rule's answer for {@code input} at {@code now}; {@code now} learns how long it holds. */
    O apply(I input, Now now) {
        Object key = slot.apply(input);
        Answer<I, O> answer = current.get(key);
        if (answer == null) {
            answer = previous.get(key);
        }
        if (answer == null || !answer.holds(input, now.millis())) {
            Now own = now.fork();
            answer = new Answer<>(input, rule.apply(input, own), own.millis(), own.answersHoldUntil());
        }
        current.put(key, answer);
        now.holdUntil(answer.untilMillis());
        return answer.output();
    }

    /** Ends an evaluation: the slots it did not ask for (a node or volume that is gone) are forgotten. */
    void endEvaluation() {
        previous = current;
        current = new HashMap<>();
    }
}
