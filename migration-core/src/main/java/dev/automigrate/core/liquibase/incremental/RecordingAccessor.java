package dev.automigrate.core.liquibase.incremental;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import liquibase.GlobalConfiguration;
import liquibase.resource.AbstractResource;
import liquibase.resource.AbstractResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * The run's resources, noting each one read through it (a changeset's SQL file, view or procedure text, CSV data)
 * with a digest of where it was found and what it held, so a record of the changeset can be checked against them.
 */
final class RecordingAccessor extends AbstractResourceAccessor {
    private final ResourceAccessor delegate;
    private final Map<String, String> read = new TreeMap<>();
    private boolean parameterized;

    RecordingAccessor(ResourceAccessor delegate) {
        this.delegate = delegate;
    }

    /** Path to {@link #digest digest} of every resource read so far. */
    Map<String, String> read() {
        return read;
    }

    /** Whether a resource read holds a {@code ${…}}, which Liquibase may expand when it computes the checksum. */
    boolean parameterized() {
        return parameterized;
    }

    /** What a record holds of a resource: its address and its content. */
    static String digest(Resource resource, byte[] content) {
        byte[] where = (resource.getUri() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[where.length + content.length];
        System.arraycopy(where, 0, both, 0, where.length);
        System.arraycopy(content, 0, both, where.length, content.length);
        return Digests.ofContent(both);
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        return delegate.search(path, recursive).stream().map(resource -> (Resource) new Noted(resource)).toList();
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        List<Resource> all = delegate.getAll(path);
        return all == null ? null : all.stream().map(resource -> (Resource) new Noted(resource)).toList();
    }

    @Override
    public List<String> describeLocations() {
        return delegate.describeLocations();
    }

    @Override
    public void close() {
        // the run's accessor is closed by whoever opened it
    }

    private final class Noted extends AbstractResource {
        private final Resource resource;

        Noted(Resource resource) {
            super(resource.getPath(), resource.getUri());
            this.resource = resource;
        }

        @Override
        public InputStream openInputStream() throws IOException {
            byte[] content;
            try (InputStream in = resource.openInputStream()) {
                content = in.readAllBytes();
            }
            read.put(resource.getPath(), digest(resource, content));
            if (new String(content, GlobalConfiguration.FILE_ENCODING.getCurrentValue()).contains("${")) {
                parameterized = true;
            }
            return new ByteArrayInputStream(content);
        }

        @Override
        public boolean exists() {
            return resource.exists();
        }

        @Override
        public Resource resolve(String other) {
            return new Noted(resource.resolve(other));
        }

        @Override
        public Resource resolveSibling(String other) {
            return new Noted(resource.resolveSibling(other));
        }
    }
}
