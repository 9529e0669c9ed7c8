package dev.automigrate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.automigrate.core.testing.HttpAnswer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The samples of a {@code /metrics} answer that promtool has accepted, by series as written
 * ({@code name} or {@code name{label="value"}}).
 */
record ScrapedMetrics(String text, Map<String, Double> samples) {

    static ScrapedMetrics of(HttpAnswer answer) {
        assertEquals(200, answer.status(), answer::toString);
        Promtool.checkMetrics(answer.body());
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : answer.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new ScrapedMetrics(answer.body(), samples);
    }

    double value(String series) {
        Double value = samples.get(series);
        if (value == null) {
            throw new AssertionError("no sample " + series + " in\n" + text);
        }
        return value;
    }

    boolean has(String series) {
        return samples.containsKey(series);
    }

    double runs(String outcome) {
        return value("automigrate_startup_migrations_total{outcome=\"" + outcome + "\"}");
    }
}
