package dev.automigrate.embedded;

import dev.automigrate.core.generate.ScratchServer;
import java.nio.file.Path;

/** How a front end that loads this module at run time (the Maven plugin) starts the server: by ServiceLoader. */
public final class ThrowawayPostgresLauncher implements ScratchServer.Launcher {
    @Override
    public ScratchServer start(Path dataFolder) {
        return ThrowawayPostgres.start(dataFolder);
    }
}
