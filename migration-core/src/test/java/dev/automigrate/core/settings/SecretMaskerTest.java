package dev.automigrate.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    private final SecretMasker secrets = SecretMasker.of("it's a \"p@ss\"", null, "");

    @Test
    void masksTheSecretAsGivenPercentEncodedInJsonAndInAnSqlLiteral() {
        assertEquals("password it's", SecretMasker.of("it's a").mask("password it's"), "only the whole secret");
        assertEquals("value ***", secrets.mask("value it's a \"p@ss\""));
        assertEquals("postgresql://app:***@db/app", secrets.mask("postgresql://app:it%27s+a+%22p%40ss%22@db/app"));
        assertEquals("postgresql://app:***@db/app", secrets.mask("postgresql://app:it%27s%20a%20%22p%40ss%22@db/app"));
        assertEquals("{\"sql\":\"values ('***')\"}", secrets.mask("{\"sql\":\"values ('it''s a \\\"p@ss\\\"')\"}"));
        assertEquals("insert into t values ('***')", secrets.mask("insert into t values ('it''s a \"p@ss\"')"));
    }

    @Test
    void nothingToMaskWithoutSecrets() {
        assertTrue(SecretMasker.of(null, "").isEmpty());
        assertEquals("text", SecretMasker.of().mask("text"));
    }
}
