package dev.belay.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What {@link PythonLiteral} writes, {@link PythonValueParser} reads back to an equal value, for
 * seeded random values of every kind the parser returns. A failure names the seed;
 * {@code -Dbelay.fuzz.seed=N} replays it.
 */
class PythonLiteralRoundTripTest {

    private static final int ROUNDS = Integer.getInteger("belay.fuzz.rounds", 3_000);

    private final long seed = Long.getLong("belay.fuzz.seed", new SecureRandom().nextLong());

    @Test
    void everyWrittenLiteralReadsBackEqual() {
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            Object value = RandomValues.value(random, 4);
            String literal = PythonLiteral.of(value);
            Object back = PythonValueParser.parse(literal);
            assertThat(RandomValues.comparable(back))
                    .as("seed %d (replay with -Dbelay.fuzz.seed=%d), round %d, literal %s", seed, seed, round, literal)
                    .isEqualTo(RandomValues.comparable(value));
        }
    }
}
