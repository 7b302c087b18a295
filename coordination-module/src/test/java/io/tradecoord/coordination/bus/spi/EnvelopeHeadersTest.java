package io.tradecoord.coordination.bus.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast occurred-at format and parse must be exactly {@link Instant#toString()} and {@link Instant#parse}. */
class EnvelopeHeadersTest {

    @Test
    void formatIsInstantToStringAndParseReadsItBack() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-100_000_000_000L, 300_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            String text = EnvelopeHeaders.formatInstant(instant);
            assertEquals(instant.toString(), text);
            assertEquals(instant, EnvelopeHeaders.parseInstant(text), text);
        }
        Instant now = Instant.now();
        assertEquals(now, EnvelopeHeaders.parseInstant(EnvelopeHeaders.formatInstant(now)));
        assertEquals(Instant.EPOCH, EnvelopeHeaders.parseInstant("1970-01-01T00:00:00Z"));
    }

    @Test
    void parseAcceptsAndRefusesExactlyWhatInstantParseDoes() {
        for (String text : new String[] {"2026-11-30T08:27:38.1Z", "2026-11-30T08:27:38.12Z", "2026-11-30T08:27:38.1234Z",
            "2024-02-29T23:59:59.999999999Z", "2026-11-30T08:27:38+01:00", "2016-12-31T23:59:60Z", "+12026-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "2026-11-30T24:00:00Z", "2026-11-30T08:27:38.Z", "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z", "2026-11-30T08:27:38.1234567890Z", "2026-11-30 08:27:38Z", "2026-11-3OT08:27:38Z",
            "2026-11-30T08:27Z", "2026-11-30T08:27:38", ""}) {
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException e) {
                assertThrows(DateTimeParseException.class, () -> EnvelopeHeaders.parseInstant(text), text);
                continue;
            }
            assertEquals(expected, EnvelopeHeaders.parseInstant(text), text);
        }
    }
}
