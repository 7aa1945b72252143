package io.brickwork.agent.gluster;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses {@code gluster --xml} output (glusterfs 10.x, cli-xml-output.c) with the JDK DOM
 * parser. DTDs and external entities are refused: the text comes from a subprocess, and an
 * XML parser that fetches URLs or files is not something a root agent should run.
 */
public final class GlusterXml {
    /** The {@code <cliOutput>} envelope every command prints. */
    public record Envelope(int opRet, int opErrno, String opErrstr, Element root) {
        public boolean ok() {
            return opRet == 0;
        }
    }

    /** The output is not the XML we expect. */
    public static final class MalformedException extends Exception {
        public MalformedException(String message, Throwable cause) {
            super(message, cause);
        }

        public MalformedException(String message) {
            super(message);
        }
    }

    private GlusterXml() {}

    public static Envelope envelope(String xml) throws MalformedException {
        Element root = parse(xml).getDocumentElement();
        if (!root.getTagName().equals("cliOutput")) {
            throw new MalformedException("root element is <" + root.getTagName() + ">, not <cliOutput>");
        }
        return new Envelope(integer(root, "opRet"), integer(root, "opErrno"), text(root, "opErrstr").orElse(""), root);
    }

    /** {@code peer status} and {@code pool list}. */
    public static List<Peer> peers(Element root) throws MalformedException {
        List<Peer> peers = new ArrayList<>();
        Element status = child(root, "peerStatus")
                .orElseThrow(() -> new MalformedException("no <peerStatus> element"));
        for (Element peer : children(status, "peer")) {
            String hostname = required(peer, "hostname");
            List<String> hostnames = new ArrayList<>(List.of(hostname));
            for (Element name : grandchildren(peer, "hostnames", "hostname")) {
                if (!hostnames.contains(name.getTextContent().strip())) {
                    hostnames.add(name.getTextContent().strip());
                }
            }
            peers.add(new Peer(required(peer, "uuid"), hostname, hostnames, integer(peer, "connected") == 1,
                    text(peer, "stateStr").orElse("")));
        }
        return peers;
    }

    /** {@code volume info [NAME]}. */
    public static List<VolumeInfo> volumes(Element root) throws MalformedException {
        Element volumes = child(root, "volInfo").flatMap(info -> child(info, "volumes"))
                .orElseThrow(() -> new MalformedException("no <volInfo><volumes> element"));
        List<VolumeInfo> result = new ArrayList<>();
        for (Element volume : children(volumes, "volume")) {
            List<String> bricks = new ArrayList<>();
            // <brick> also has the name as loose text; the <name> child is the documented field.
            for (Element brick : grandchildren(volume, "bricks", "brick")) {
                bricks.add(required(brick, "name"));
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (Element option : grandchildren(volume, "options", "option")) {
                options.put(required(option, "name"), text(option, "value").orElse(""));
            }
            result.add(new VolumeInfo(required(volume, "name"), required(volume, "id"), required(volume, "typeStr"),
                    required(volume, "statusStr"), integer(volume, "replicaCount"), integer(volume, "brickCount"),
                    bricks, text(volume, "arbiterCount").isPresent() ? integer(volume, "arbiterCount") : 0, options));
        }
        return result;
    }

    /** {@code volume get VOLUME KEY}: the value of the {@code <Opt>} whose {@code <Option>} is the key. */
    public static String volumeOption(Element root, String key) throws MalformedException {
        Element options = child(root, "volGetopts")
                .orElseThrow(() -> new MalformedException("no <volGetopts> element"));
        for (Element option : children(options, "Opt")) {
            if (required(option, "Option").equals(key)) {
                return required(option, "Value");
            }
        }
        throw new MalformedException("<volGetopts> has no option " + key);
    }

    /**
     * {@code volume quota VOLUME list PATH}: one {@code <limit>} per listed directory; none when
     * the path does not exist. "N/A" is gluster's word for no limit.
     */
    public static List<QuotaLimit> quotaLimits(Element root) throws MalformedException {
        Element quota = child(root, "volQuota").orElseThrow(() -> new MalformedException("no <volQuota> element"));
        List<QuotaLimit> limits = new ArrayList<>();
        for (Element limit : children(quota, "limit")) {
            String hard = required(limit, "hard_limit");
            OptionalLong hardLimit = hard.equals("N/A") ? OptionalLong.empty() : OptionalLong.of(longNumber(limit,
                    "hard_limit"));
            limits.add(new QuotaLimit(required(limit, "path"), hardLimit, longNumber(limit, "used_space")));
        }
        return limits;
    }

    /**
     * {@code volume heal VOLUME info summary}. A brick that is down has only a status (10.3 runs the
     * next field's name into it) and no counts.
     */
    /**
     * The brick processes of {@code volume status VOLUME}: the self-heal daemons it lists too are
     * left out, and glusterd does not list the bricks of a peer it is not connected to.
     */
    public static List<BrickStatus> brickStatuses(Element root) throws MalformedException {
        Element volumes = child(root, "volStatus").flatMap(status -> child(status, "volumes"))
                .orElseThrow(() -> new MalformedException("no <volStatus><volumes> element"));
        List<BrickStatus> bricks = new ArrayList<>();
        for (Element volume : children(volumes, "volume")) {
            String name = required(volume, "volName");
            for (Element node : children(volume, "node")) {
                String path = required(node, "path");
                if (!path.startsWith("/")) {
                    continue;
                }
                bricks.add(new BrickStatus(name, required(node, "hostname"), path,
                        "1".equals(text(node, "status").orElse("0")), number(node, "port", 0),
                        number(node, "pid", -1)));
            }
        }
        return bricks;
    }

    /**
     * {@code volume rebalance VOLUME status} ({@code <volRebalance>}) or {@code volume remove-brick
     * VOLUME BRICKS status} ({@code <volRemoveBrick>}): per node and the aggregate.
     */
    public static RebalanceStatus rebalance(Element root, String element) throws MalformedException {
        Element task = child(root, element)
                .orElseThrow(() -> new MalformedException("no <" + element + "> element"));
        List<RebalanceStatus.Node> nodes = new ArrayList<>();
        for (Element node : children(task, "node")) {
            nodes.add(rebalanceNode(node, required(node, "nodeName")));
        }
        Element aggregate = child(task, "aggregate")
                .orElseThrow(() -> new MalformedException("<" + element + "> has no <aggregate>"));
        return new RebalanceStatus(text(task, "task-id").orElse(""), nodes, rebalanceNode(aggregate, "aggregate"));
    }

    private static RebalanceStatus.Node rebalanceNode(Element node, String name) throws MalformedException {
        return new RebalanceStatus.Node(name, required(node, "statusStr"), longNumber(node, "files"),
                longNumber(node, "size"), longNumber(node, "lookups"), longNumber(node, "failures"),
                longNumber(node, "skipped"), decimal(node, "runtime"));
    }

    private static long longNumber(Element parent, String tag) throws MalformedException {
        String value = text(parent, tag).orElse("0");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedException("<" + tag + "> is '" + value + "', not a number", e);
        }
    }

    private static double decimal(Element parent, String tag) throws MalformedException {
        String value = text(parent, tag).orElse("0");
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new MalformedException("<" + tag + "> is '" + value + "', not a number", e);
        }
    }

    /** "N/A" and absent read as the fallback. */
    private static int number(Element parent, String tag, int fallback) throws MalformedException {
        Optional<String> value = text(parent, tag);
        if (value.isEmpty() || value.get().equals("N/A")) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new MalformedException("<" + tag + "> is '" + value.get() + "', not a number", e);
        }
    }

    public static List<BrickHeal> heals(Element root) throws MalformedException {
        Element bricks = child(root, "healInfo").flatMap(info -> child(info, "bricks"))
                .orElseThrow(() -> new MalformedException("no <healInfo><bricks> element"));
        List<BrickHeal> heals = new ArrayList<>();
        for (Element brick : children(bricks, "brick")) {
            heals.add(new BrickHeal(required(brick, "name"), text(brick, "status").orElse(""),
                    count(brick, "numberOfEntriesInHealPending"), count(brick, "numberOfEntriesInSplitBrain")));
        }
        return heals;
    }

    private static OptionalLong count(Element parent, String tag) throws MalformedException {
        Optional<String> value = text(parent, tag);
        if (value.isEmpty() || value.get().equals("-")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get()));
        } catch (NumberFormatException e) {
            throw new MalformedException("<" + tag + "> is '" + value.get() + "', not a number", e);
        }
    }

    private static Document parse(String xml) throws MalformedException {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            // The default handler prints "[Fatal Error]" to stderr; the exception says it all.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        } catch (SAXException | IOException e) {
            throw new MalformedException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    /** Direct children only: {@code <name>} appears at several depths (volume, brick, option). */
    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> grandchildren(Element parent, String list, String tag) {
        return child(parent, list).map(element -> children(element, tag)).orElse(List.of());
    }

    private static Optional<Element> child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static Optional<String> text(Element parent, String tag) {
        return child(parent, tag).map(element -> element.getTextContent().strip());
    }

    private static String required(Element parent, String tag) throws MalformedException {
        return text(parent, tag).orElseThrow(
                () -> new MalformedException("<" + parent.getTagName() + "> has no <" + tag + ">"));
    }

    private static int integer(Element parent, String tag) throws MalformedException {
        String value = required(parent, tag);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new MalformedException("<" + tag + "> is '" + value + "', not a number", e);
        }
    }
}
