package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.fstab.Fstab;
import io.brickwork.agent.fstab.FstabConflictException;
import io.brickwork.agent.fstab.FstabEdit;
import io.brickwork.agent.fstab.FstabEntry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Idempotency: once /etc/fstab has exactly the desired line for the mount point, editing it
 * again changes nothing, so a second run writes nothing.
 */
public final class FstabEntryStep implements Step {
    private final Path fstabFile;
    private final FstabEntry entry;
    private final Fstab editor;
    private final AtomicFileWriter writer;

    public FstabEntryStep(Path fstabFile, FstabEntry entry, Fstab editor, AtomicFileWriter writer) {
        this.fstabFile = requireNonNull(fstabFile, "fstabFile is null");
        this.entry = requireNonNull(entry, "entry is null");
        this.editor = requireNonNull(editor, "editor is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public Check check() throws IOException {
        try {
            FstabEdit edit = editor.edit(AtomicFileWriter.read(fstabFile), entry);
            return edit.changed() ? Check.needs(edit.changes())
                    : Check.inSync(fstabFile + " already has: " + entry.line());
        } catch (FstabConflictException e) {
            return Check.refused(e.getMessage());
        }
    }

    @Override
    public void apply() throws IOException, StepFailedException {
        try {
            writer.write(fstabFile, editor.edit(AtomicFileWriter.read(fstabFile), entry).content());
        } catch (FstabConflictException e) {
            // Someone edited fstab between check and apply; their line wins.
            throw new StepFailedException(e.getMessage());
        }
    }

    @Override
    public Check verify() throws IOException {
        return check();
    }
}
