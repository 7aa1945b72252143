package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwarmCommandsTest {
    private static final String SPEC = """
            cluster { name = staging, nodes = [node1, node2, node3] }
            volumes = [{ name = staging-gfs, replica = 3, brick = "/gluster/brick",
              mount { path = "/srv/gfs" }
              directories = [{ path = staging_couch_db, owner = 5984, group = 5984, mode = "0750" }] }]
            """;

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return BrickworkCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String spec() throws IOException {
        Path file = dir.resolve("cluster.conf");
        Files.writeString(file, SPEC);
        return file.toString();
    }

    @Test
    void composeSnippetBindsTheDirectoryOnTheMountAndConstrainsToReadyNodes() throws IOException {
        int code = run("compose-snippet", "staging-gfs", "staging_couch_db", "--target", "/opt/couchdb/data", "-f", spec());

        assertEquals(ExitCodes.OK, code, err.toString());
        assertEquals("""
                    volumes:
                      - type: bind
                        source: /srv/gfs/staging_couch_db
                        target: /opt/couchdb/data
                    deploy:
                      placement:
                        constraints:
                          - node.labels.brickwork.storage.staging-gfs == ready
                """, out.toString());
    }

    @Test
    void composeSnippetRefusesADirectoryTheSpecDoesNotCreate() throws IOException {
        int code = run("compose-snippet", "staging-gfs", "other", "--target", "/data", "-f", spec());

        assertEquals(ExitCodes.BAD_INPUT, code);
        assertTrue(err.toString().contains("other is not one of the directories of volume staging-gfs"), err.toString());
    }

    @Test
    void composeSnippetRefusesAPathLeavingTheVolume() throws IOException {
        int code = run("compose-snippet", "staging-gfs", "../etc", "--target", "/data", "-f", spec());

        assertEquals(ExitCodes.BAD_INPUT, code);
        assertTrue(err.toString().contains("DIR '../etc' must not contain '..'"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void initNeedsFromSwarm() {
        assertEquals(ExitCodes.BAD_INPUT, run("init"));
        assertTrue(err.toString().contains("--from-swarm"), err.toString());
    }

    @Test
    void initRefusesABadVolumeNameBeforeTalkingToDocker() {
        assertEquals(ExitCodes.BAD_INPUT, run("init", "--from-swarm", "--volume", "bad name",
                "--docker-host", "unix:///nonexistent/docker.sock"));
        assertTrue(err.toString().contains("--volume 'bad name'"), err.toString());
    }

    @Test
    void initWithoutADockerThereFailsNamingTheSocket() {
        assertEquals(ExitCodes.FAILED, run("init", "--from-swarm", "--docker-host",
                "unix://" + dir.resolve("docker.sock")));
        assertTrue(err.toString().contains(dir.resolve("docker.sock").toString()), err.toString());
    }
}
