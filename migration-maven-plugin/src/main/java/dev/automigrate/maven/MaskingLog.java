package dev.automigrate.maven;

import dev.automigrate.core.settings.SecretMasker;
import org.apache.maven.plugin.logging.Log;

/** Maven's log with the values of secret-looking changelog parameters masked, as the plan's SQL may quote them. */
final class MaskingLog implements Log {
    private final Log log;
    private final SecretMasker secrets;

    MaskingLog(Log log, SecretMasker secrets) {
        this.log = log;
        this.secrets = secrets;
    }

    private String masked(CharSequence content) {
        return secrets.mask(content == null ? null : content.toString());
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void debug(CharSequence content) {
        log.debug(masked(content));
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        log.debug(masked(content), error);
    }

    @Override
    public void debug(Throwable error) {
        log.debug(error);
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isInfoEnabled();
    }

    @Override
    public void info(CharSequence content) {
        log.info(masked(content));
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        log.info(masked(content), error);
    }

    @Override
    public void info(Throwable error) {
        log.info(error);
    }

    @Override
    public boolean isWarnEnabled() {
        return log.isWarnEnabled();
    }

    @Override
    public void warn(CharSequence content) {
        log.warn(masked(content));
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        log.warn(masked(content), error);
    }

    @Override
    public void warn(Throwable error) {
        log.warn(error);
    }

    @Override
    public boolean isErrorEnabled() {
        return log.isErrorEnabled();
    }

    @Override
    public void error(CharSequence content) {
        log.error(masked(content));
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        log.error(masked(content), error);
    }

    @Override
    public void error(Throwable error) {
        log.error(error);
    }
}
