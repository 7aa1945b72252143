package io.brickwork.agent.gluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Real gluster 10.3 output, captured in the lab (three nodes, glusterd in network+mount
 * namespaces): see src/test/resources/gluster/.
 */
public final class GlusterSamples {
    private GlusterSamples() {}

    public static String sample(String name) {
        try (InputStream in = GlusterSamples.class.getResourceAsStream("/gluster/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** gluster --mode=script --xml ARGS... */
    public static String[] gluster(String... args) {
        String[] argv = new String[args.length + 3];
        argv[0] = "gluster";
        argv[1] = "--mode=script";
        argv[2] = "--xml";
        System.arraycopy(args, 0, argv, 3, args.length);
        return argv;
    }
}
