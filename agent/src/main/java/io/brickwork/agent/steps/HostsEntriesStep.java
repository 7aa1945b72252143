package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.hosts.HostEntry;
import io.brickwork.agent.hosts.HostsEdit;
import io.brickwork.agent.hosts.HostsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Idempotency: rewriting /etc/hosts from its current content always yields the same file, so
 * a second run finds nothing to change and writes nothing. Names of departed nodes are removed
 * only when asked: the coordinator asks once gluster no longer needs to resolve them.
 */
public final class HostsEntriesStep implements Step {
    private final Path hostsFile;
    private final List<HostEntry> entries;
    private final List<String> departed;
    private final HostsFile editor;
    private final AtomicFileWriter writer;

    public HostsEntriesStep(Path hostsFile, List<HostEntry> entries, HostsFile editor, AtomicFileWriter writer) {
        this(hostsFile, entries, List.of(), editor, writer);
    }

    /** @param departed names of nodes that left the cluster, removed from every line */
    public HostsEntriesStep(Path hostsFile, List<HostEntry> entries, List<String> departed, HostsFile editor,
            AtomicFileWriter writer) {
        this.hostsFile = requireNonNull(hostsFile, "hostsFile is null");
        this.entries = List.copyOf(entries);
        this.departed = List.copyOf(departed);
        this.editor = requireNonNull(editor, "editor is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public Check check() throws IOException {
        HostsEdit edit = edit();
        return edit.changed() ? Check.needs(edit.changes())
                : Check.inSync(hostsFile + " already maps " + entries.size() + " names as asked");
    }

    @Override
    public void apply() throws IOException {
        writer.write(hostsFile, edit().content());
    }

    @Override
    public Check verify() throws IOException {
        return check();
    }

    private HostsEdit edit() throws IOException {
        return editor.edit(AtomicFileWriter.read(hostsFile), entries, departed);
    }
}
