package io.brickwork.agent.system;

import io.brickwork.common.validation.Validation;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node is its kernel host name (read per call: the UTS namespace may differ from the
 * JVM's cached one) or any address on one of its interfaces. Names are not resolved: a
 * Debian "127.0.1.1 node1" line would make DNS-style answers misleading.
 */
public final class KernelLocalNode implements LocalNode {
    private static final Logger LOG = Logger.getLogger(KernelLocalNode.class.getName());
    private static final Path HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    @Inject
    public KernelLocalNode() {}

    @Override
    public boolean isSelf(String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        String own = hostname().toLowerCase(Locale.ROOT);
        if (!own.isEmpty() && (wanted.equals(own) || shortName(wanted).equals(shortName(own)))) {
            return true;
        }
        return Validation.addressProblem(host).isEmpty() && isLocalAddress(host);
    }

    private static String shortName(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String hostname() {
        try {
            return Files.readString(HOSTNAME).strip();
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot read " + HOSTNAME, e);
            return "";
        }
    }

    private static boolean isLocalAddress(String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            if (address.isLoopbackAddress()) {
                return true;
            }
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (Collections.list(nic.getInetAddresses()).contains(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException | SocketException e) {
            LOG.log(Level.FINE, "cannot tell whether " + literal + " is local", e);
            return false;
        }
    }
}
