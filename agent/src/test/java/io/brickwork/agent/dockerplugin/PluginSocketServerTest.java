package io.brickwork.agent.dockerplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import io.brickwork.agent.ownership.Owners;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver over a real Unix socket, spoken to as dockerd does: HTTP/1.1 POSTs with JSON. */
class PluginSocketServerTest {
    @TempDir
    Path dir;
    private PluginSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private Path start() throws Exception {
        Path socket = dir.resolve("plugins/brickwork.sock");
        server = new PluginSocketServer(socket, new DriverFixture().mounted().driver, 5000, Optional.empty());
        server.start();
        return socket;
    }

    @Test
    void answersActivateAndCreateOnARootOnlySocketAndRemovesItOnStop() throws Exception {
        Path socket = start();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket,
                LinkOption.NOFOLLOW_LINKS)));
        String activate = call(socket, "POST", "/Plugin.Activate", "");
        assertTrue(activate.startsWith("HTTP/1.1 200 OK\r\n"), activate);
        assertTrue(activate.contains("content-type: application/vnd.docker.plugins.v1+json"), activate);
        assertTrue(activate.endsWith("\r\n\r\n{\"Implements\":[\"VolumeDriver\"]}"), activate);
        assertTrue(call(socket, "POST", "/VolumeDriver.Create", "{\"Name\":\"couchdb\"}").endsWith("{\"Err\":\"\"}"));
        assertEquals(1, Files.list(dir.resolve("plugins")).count(), "the staging directory is left behind");

        server.stop();
        server = null;
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void refusesOtherMethodsOversizedBodiesAndBodiesThatAreNotUtf8() throws Exception {
        Path socket = start();

        assertTrue(call(socket, "GET", "/Plugin.Activate", "").startsWith("HTTP/1.1 405 "));
        // The length alone is refused; the body is never read.
        String oversized = send(socket, ("POST /VolumeDriver.Create HTTP/1.1\r\nHost: plugin\r\nConnection: close\r\n"
                + "Content-Length: " + (PluginSocketServer.MAX_BODY + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertTrue(oversized.startsWith("HTTP/1.1 413 "), oversized);
        String latin1 = call(socket, "POST", "/VolumeDriver.Create", "{\"Name\":\"caf\u00e9\"}",
                StandardCharsets.ISO_8859_1);
        assertTrue(latin1.endsWith("{\"Err\":\"brickwork: the request body is not UTF-8\"}"), latin1);
    }

    @Test
    void aCallStuckInAMountThatHungAfterItsCheckIsAnsweredWithTheMountsProblemWhenItsTimeIsUp() throws Exception {
        DriverFixture node = new DriverFixture().mounted();
        node.call("/VolumeDriver.Create", "{\"Name\":\"couchdb\"}");
        CountDownLatch probeRelease = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        node.beforeOpen = () -> {
            node.hang(probeRelease);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Path socket = dir.resolve("plugins/brickwork.sock");
        server = new PluginSocketServer(socket, node.driver, 300, Optional.empty());
        server.start();

        String answer = call(socket, "POST", "/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"abc\"}");

        assertTrue(answer.contains("{\"Err\":\"brickwork on node2: refusing: /mnt (Brickwork volume staging-gfs) is"
                + " hung"), answer);
        // The mount answers again and the stuck call goes on: too late, so it leaves no mount record.
        node.beforeOpen = () -> {};
        node.probe = mountPoint -> new Owners("root", "root");
        probeRelease.countDown();
        while (node.driver.stalled("/VolumeDriver.Get", Duration.ZERO).toString().contains("refusing")) {
            Thread.sleep(20);
        }
        release.countDown();
        Path record = Path.of("/mnt/.brickwork/docker-mounts/couchdb/node2.abc");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !DriverFixture.err(node.call("/VolumeDriver.Remove",
                "{\"Name\":\"couchdb\"}")).isEmpty()) {
            Thread.sleep(50);
        }
        assertTrue(node.directories.content(record).isEmpty(), "the late mount left its record");
        assertTrue(node.directories.changes().stream().anyMatch(change -> change.startsWith("mv /mnt/couchdb ")),
                node.directories.changes().toString());
    }

    @Test
    void aFileWhereTheSocketGoesIsNeverReplaced() throws Exception {
        Path socket = dir.resolve("plugins/brickwork.sock");
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "not a socket");
        server = new PluginSocketServer(socket, new DriverFixture().driver, 5000, Optional.empty());

        IOException refused = assertThrows(IOException.class, server::start);

        assertTrue(refused.getMessage().contains("exists and is not a socket"), refused.getMessage());
        assertEquals("not a socket", Files.readString(socket));
    }

    private static String call(Path socket, String method, String endpoint, String body) throws IOException {
        return call(socket, method, endpoint, body, StandardCharsets.UTF_8);
    }

    private static String call(Path socket, String method, String endpoint, String body,
            Charset charset) throws IOException {
        byte[] content = body.getBytes(charset);
        byte[] head = (method + " " + endpoint + " HTTP/1.1\r\nHost: plugin\r\nConnection: close\r\n"
                + "Content-Type: application/vnd.docker.plugins.v1+json\r\nContent-Length: " + content.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return send(socket, ByteBuffer.allocate(head.length + content.length).put(head).put(content).array());
    }

    private static String send(Path socket, byte[] bytes) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer request = ByteBuffer.wrap(bytes);
            while (request.hasRemaining()) {
                channel.write(request);
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                response.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
