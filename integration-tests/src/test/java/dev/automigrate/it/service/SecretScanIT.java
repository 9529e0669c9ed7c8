package dev.automigrate.it.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.automigrate.core.testing.ChangeLogFolder;
import dev.automigrate.core.testing.HttpAnswer;
import dev.automigrate.it.DistinctivePassword;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the jar and every endpoint of the service, with a password full of URL-special
 * characters: it appears in no output, log line, generated file or HTTP response, plain or percent-encoded.
 */
class SecretScanIT {
    private static final List<String> ENDPOINTS = List.of("/health", "/health/live", "/health/ready", "/db-status",
            "/no-such-page");

    @TempDir
    Path folder;

    @Test
    void noCommandShowsThePassword() {
        new ChangeLogFolder(folder).sqlChangeSet("001-crews", "scan", "create table crews (id bigint primary key)");
        String database = DistinctivePassword.newDatabase();
        Map<String, String> inUrl = Map.of("DATABASE_URL", DistinctivePassword.urlWithPassword(database),
                "MIGRATION_SEARCH_PATH", folder.toString());
        Map<String, String> apart = Map.of("DATABASE_URL", DistinctivePassword.urlWithoutPassword(database),
                "DATABASE_PASSWORD", DistinctivePassword.PLAIN, "MIGRATION_SEARCH_PATH", folder.toString());
        Map<String, String> wrongPassword = Map.of("DATABASE_URL", DistinctivePassword.urlWithoutPassword(database),
                "DATABASE_PASSWORD", DistinctivePassword.PLAIN + "-wrong", "MIGRATION_SEARCH_PATH", folder.toString(),
                "DATABASE_CONNECT_TIMEOUT", "1s");

        List<String[]> commands = List.of(new String[]{"settings"}, new String[]{"status"}, new String[]{"check"},
                new String[]{"check", "--json"}, new String[]{"migrate"}, new String[]{"history"},
                new String[]{"reset", "--confirm"}, new String[]{"generate", "scan", "me"}, new String[]{"--help"});
        List<ServiceProcess.Finished> runs = new ArrayList<>();
        int run = 0;
        for (Map<String, String> environment : List.of(inUrl, apart)) {
            for (String[] command : commands) {
                runs.add(ServiceProcess.command("scan-" + (++run) + "-" + command[0], environment, folder, command));
            }
        }
        ServiceProcess.Finished refused = ServiceProcess.command("scan-wrong-password", wrongPassword, folder, "status");
        assertEquals(3, refused.exitCode(), refused::toString);
        runs.add(refused);
        for (ServiceProcess.Finished finished : runs) {
            DistinctivePassword.assertAbsent("a command's output", finished.output());
        }
        assertEquals(0, runs.get(4).exitCode(), () -> "migrate: " + runs.get(4));
        DistinctivePassword.assertAbsentFromFiles(folder);
    }

    @Test
    void noEndpointShowsThePassword() {
        new ChangeLogFolder(folder).sqlChangeSet("001-crews", "scan", "create table crews (id bigint primary key)");
        String database = DistinctivePassword.newDatabase();
        List<String> answers = new ArrayList<>();
        try (ServiceProcess up = ServiceProcess.serve("scan-serve", Map.of("DATABASE_URL",
                DistinctivePassword.urlWithPassword(database), "MIGRATION_SEARCH_PATH", folder.toString()), folder);
             ServiceProcess refused = ServiceProcess.serve("scan-serve-refused", Map.of("DATABASE_URL",
                     DistinctivePassword.urlWithoutPassword(database), "DATABASE_PASSWORD", DistinctivePassword.PLAIN + "-wrong",
                     "MIGRATION_SEARCH_PATH", folder.toString(), "FAIL_ON_MIGRATION_ERROR", "false"), folder)) {
            up.awaitReady(Duration.ofMinutes(1));
            refused.awaitAnswer("/db-status", answer -> answer.body().contains("\"outcome\":\"FAILED\""), Duration.ofMinutes(1));
            for (ServiceProcess service : List.of(up, refused)) {
                for (String endpoint : ENDPOINTS) {
                    HttpAnswer answer = service.get(endpoint);
                    answers.add(service.name + " " + endpoint + " " + answer);
                    DistinctivePassword.assertAbsent(service.name + " " + endpoint, answer.body());
                }
            }
            DistinctivePassword.assertAbsent("the service log", up.output());
            DistinctivePassword.assertAbsent("the service log", refused.output());
        }
        System.out.println("[secret scan] " + answers.size() + " answers checked, e.g. " + answers.get(3));
    }
}
