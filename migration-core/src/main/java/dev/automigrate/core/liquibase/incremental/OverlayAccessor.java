package dev.automigrate.core.liquibase.incremental;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import liquibase.resource.AbstractResource;
import liquibase.resource.AbstractResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * The run's resources, except that one changelog file reads as the given text: the changed items of the file, which
 * Liquibase's own parser then loads under the file's real path. Paths relative to it resolve as from the real file.
 */
final class OverlayAccessor extends AbstractResourceAccessor {
    private final ResourceAccessor delegate;
    private final String path;
    private final byte[] content;

    OverlayAccessor(ResourceAccessor delegate, String path, byte[] content) {
        this.delegate = delegate;
        this.path = path;
        this.content = content.clone();
    }

    @Override
    public List<Resource> search(String searchPath, boolean recursive) throws IOException {
        return delegate.search(searchPath, recursive);
    }

    @Override
    public List<Resource> getAll(String resourcePath) throws IOException {
        if (!path.equals(resourcePath)) {
            return delegate.getAll(resourcePath);
        }
        Resource real = delegate.get(resourcePath);
        return List.of(new Overlay(real));
    }

    @Override
    public List<String> describeLocations() {
        return delegate.describeLocations();
    }

    @Override
    public void close() {
        // the run's accessor is closed by whoever opened it
    }

    private final class Overlay extends AbstractResource {
        private final Resource real;

        Overlay(Resource real) {
            super(path, real.exists() ? real.getUri() : URI.create("overlay:" + path));
            this.real = real;
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(content);
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Resource resolve(String other) {
            return real.resolve(other);
        }

        @Override
        public Resource resolveSibling(String other) {
            return real.resolveSibling(other);
        }
    }
}
