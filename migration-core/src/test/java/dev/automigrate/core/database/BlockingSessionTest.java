package dev.automigrate.core.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.automigrate.core.settings.SecretMasker;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a lock-timeout line may show of another session's query: its first words, no literal, no password. */
class BlockingSessionTest {
    private static final SecretMasker SECRETS = SecretMasker.of("Hunter2-pw");

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "select count(*) from crew | select count(*) from crew",
            "select * from crew where name = 'Ana' and id = 3 | select * from crew where name = '…' and id = 3",
            "update crew set note = 'it''s ok' where id = 1 | update crew set note = '…' where id = 1",
            "insert into t values (E'a\\'b', 'c') | insert into t values (E'…', '…')",
            "alter role app password 'Hunter2-pw' | alter role app password '…'",
            "select $$body; 'x'$$, $f$ y $f$ | select $…$, $…$",
            "select 'never closed because the text was truncated | select '…'",
            "/* Hunter2-pw */ select 1 | /* *** */ select 1",
            "\"select\n   a,\n   b\n from   crew\" | select a, b from crew",
            "select a_long_column_name, another_long_column_name, yet_another_column from crew"
                    + " | select a_long_column_name, another_long_column_name, yet_ano…",
            "select $1, $2 from crew | select $1, $2 from crew",
    })
    void previewMasksLiteralsAndSecretsAndKeepsTheFirstWords(String query, String expected) {
        assertEquals(expected, BlockingSession.preview(query, SECRETS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "report | idle in transaction | 12500 | select 1 | pid 42 (report; idle in transaction; transaction open 12.5 s; select 1)",
            " | active | 200000 | | pid 42 (unnamed; active; transaction open 3 min 20 s)",
    })
    void describe(String applicationName, String state, long openMs, String query, String expected) {
        assertEquals(expected, new BlockingSession(42, applicationName, state, Duration.ofMillis(openMs),
                query == null ? "" : query).describe());
    }
}
