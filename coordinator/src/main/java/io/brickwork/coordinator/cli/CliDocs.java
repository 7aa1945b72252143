package io.brickwork.coordinator.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build time only (coordinator/pom.xml runs it before packaging; the fat jar leaves it out): the
 * bash completion script and the man pages, both from the picocli model the CLI runs, so that
 * neither can drift from the commands. picocli writes the pages as AsciiDoc; asciidoctor's
 * manpage backend turns them into troff.
 *
 * <p>{@code CliDocs OUT VERSION} writes OUT/bash-completion/brickwork, OUT/adoc/*.adoc and
 * OUT/man1/brickwork*.1.gz (one page for the command and one for each visible subcommand).
 */
public final class CliDocs {
    static final String COMMAND = "brickwork";

    private CliDocs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CliDocs OUTPUT_DIR VERSION");
        }
        Path out = Path.of(args[0]);
        CommandLine cli = BrickworkCli.commandLine();
        Path completion = out.resolve("bash-completion").resolve(COMMAND);
        Files.createDirectories(completion.getParent());
        Files.writeString(completion, completion(cli));
        List<Path> pages = asciiDoc(cli, out.resolve("adoc"));
        manPages(pages, out.resolve("man1"), args[1]);
    }

    /**
     * The bash completion script: subcommands, their options, and file names where an option takes
     * a path. Without picocli's "#!" line: bash-completion sources the file, nobody runs it.
     */
    static String completion(CommandLine cli) {
        String script = AutoComplete.bash(COMMAND, cli);
        return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
    }

    /** One AsciiDoc man page per visible command, brickwork.adoc, brickwork-apply.adoc, brickwork-token-create.adoc… */
    static List<Path> asciiDoc(CommandLine cli, Path dir) throws IOException {
        clean(dir);
        Files.createDirectories(dir);
        int exit = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, cli.getCommandSpec());
        if (exit != CommandLine.ExitCode.OK) {
            throw new IllegalStateException("picocli's man page generator failed with exit code " + exit);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".adoc")).sorted().toList();
        }
    }

    /** NAME.adoc → man1/NAME.1.gz, troff compressed as Debian wants man pages (gzip -9n). */
    static List<Path> manPages(List<Path> pages, Path man1, String version) throws IOException {
        clean(man1);
        Files.createDirectories(man1);
        List<Path> written = new ArrayList<>();
        // The page header's source names the release; the date is left to asciidoctor (the build's day).
        Attributes attributes = Attributes.builder()
                .attribute("mansource", "Brickwork " + version)
                .attribute("manmanual", "Brickwork Manual")
                .build();
        Options options = Options.builder().backend("manpage").standalone(true).safe(SafeMode.SAFE)
                .attributes(attributes).build();
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            for (Path page : pages) {
                String name = page.getFileName().toString().replaceFirst("\\.adoc$", "");
                String troff = asciidoctor.convert(Files.readString(page), options);
                Path target = man1.resolve(name + ".1.gz");
                Files.write(target, gzipBest(troff.getBytes(StandardCharsets.UTF_8)));
                written.add(target);
            }
        }
        return written;
    }

    /**
     * gzip at the best compression, with no name and no time stamp: what `gzip -9n` writes and
     * lintian checks for (the header's "max compression" flag). java.util.zip's GZIPOutputStream
     * cannot be told either, so the header and trailer are written here (RFC 1952).
     */
    static byte[] gzipBest(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // ID1 ID2, CM=deflate, FLG=0, MTIME=0, XFL=2 (maximum compression), OS=3 (Unix).
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLittleEndian(out, (int) crc.getValue());
        writeIntLittleEndian(out, data.length);
        return out.toByteArray();
    }

    private static void writeIntLittleEndian(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write((value >>> (8 * i)) & 0xff);
        }
    }

    /** A page of a command that no longer exists must not be packaged. */
    private static void clean(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }
}
