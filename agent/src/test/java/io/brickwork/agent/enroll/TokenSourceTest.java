package io.brickwork.agent.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSourceTest {
    private static final String TOKEN = "BWTKN-1-0123abcd-id7-s3cr3tvalue";
    private static final InputStream NO_STDIN = InputStream.nullInputStream();

    @TempDir
    Path dir;

    @Test
    void aTokenFileGivesItsFirstLineWithoutSurroundingWhitespace() throws IOException, JoinException {
        Path file = Files.writeString(dir.resolve("token"), "\n  " + TOKEN + "  \n");

        assertEquals(TOKEN, new TokenSource.File(file).read(NO_STDIN));
    }

    @Test
    void stdinGivesTheTokenSoItNeverAppearsInArgv() throws JoinException {
        InputStream stdin = new ByteArrayInputStream((TOKEN + "\n").getBytes(StandardCharsets.UTF_8));

        assertEquals(TOKEN, new TokenSource.Stdin().read(stdin));
    }

    @Test
    void aTokenFileThatIsASymlinkIsRefusedSoRootReadsNothingElse() throws IOException {
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$...\n");
        Path link = Files.createSymbolicLink(dir.resolve("token"), secret);

        JoinException refused = assertThrows(JoinException.class, () -> new TokenSource.File(link).read(NO_STDIN));

        assertTrue(refused.getMessage().contains("not a regular file"), refused.getMessage());
        assertFalse(refused.getMessage().contains("root:"), refused.getMessage());
    }

    @Test
    void aHugeTokenFileIsRefusedUnread() throws IOException {
        Path file = Files.write(dir.resolve("token"), new byte[TokenSource.MAX_BYTES + 1]);

        assertThrows(JoinException.class, () -> new TokenSource.File(file).read(NO_STDIN));
    }

    @Test
    void anEmptyTokenIsRefused() {
        assertThrows(JoinException.class, () -> new TokenSource.Stdin().read(NO_STDIN));
    }

    @Test
    void anInlineTokenIsNeverPrinted() {
        assertFalse(new TokenSource.Inline(TOKEN).toString().contains(TOKEN));
    }
}
