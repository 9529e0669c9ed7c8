package dev.automigrate.bench;

import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.SearchPathResourceAccessor;

/**
 * Plain Liquibase with its defaults, as a project would call it: one {@link CommandScope}, the changelog
 * found through a search path the way Liquibase's own command line does ({@code --search-path}).
 */
public final class LiquibaseDriver {
    private LiquibaseDriver() {
    }

    /** Arguments: update|status jdbc-url user search-path changelog. */
    public static void main(String[] args) throws Exception {
        CommandScope command = new CommandScope(args[0])
                .addArgumentValue("url", args[1])
                .addArgumentValue("username", args[2])
                .addArgumentValue("password", "")
                .addArgumentValue("changelogFile", args[4]);
        Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new SearchPathResourceAccessor(args[3])),
                () -> {
                    command.execute();
                });
    }
}
