package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Whatever text it is given, {@link SpecParser#parse} returns a spec that keeps every rule or
 * throws a {@link SpecException} with at least one violation: never another exception, and it
 * never hangs.
 *
 * <p>The texts are valid specs, written in randomly chosen HOCON styles, then mutated: keys
 * dropped, duplicated and invented, values of the wrong type, extreme numbers, hostile strings,
 * deep nesting, substitutions, includes, long lists, truncation and random bytes. Everything
 * follows from one seed, printed with any failure; rerun a failure with
 * {@code -Dbrickwork.fuzz.seed=SEED}. The rules of an accepted spec are checked here again,
 * written independently of {@link SpecRules}.
 */
class SpecFuzzTest {
    private static final long DEFAULT_SEED = 20_251_125L;
    private static final int CASES = 10_000;
    /** One in this many cases is a valid spec left unmutated, which must be accepted. */
    private static final int CONTROL_EVERY = 20;
    /** A sanity guard against a hang, far above the few seconds the run takes. */
    private static final Duration GUARD = Duration.ofSeconds(120);

    @Test
    void everyGeneratedSpecIsAcceptedWithItsRulesKeptOrRejectedWithViolations() {
        long seed = Long.getLong("brickwork.fuzz.seed", DEFAULT_SEED);
        Stats stats = assertTimeoutPreemptively(GUARD, () -> run(seed),
                () -> "seed " + seed + ": " + CASES + " cases took longer than " + GUARD);

        System.out.println(stats.summary(seed));
        assertEquals(CASES, stats.generated);
        assertEquals(stats.controls, stats.controlsAccepted, () -> "seed " + seed + ": a valid spec was rejected");
        assertTrue(stats.hostileRejected * 2 > stats.hostile,
                () -> "seed " + seed + ": most mutated specs should be rejected; is the generator mutating?\n" + stats.summary(seed));
        for (Mutation mutation : Mutation.values()) {
            assertTrue(stats.casesBy.getOrDefault(mutation, 0) > 0, () -> "seed " + seed + ": never generated " + mutation);
        }
    }

    private static Stats run(long seed) {
        Random cases = new Random(seed);
        Stats stats = new Stats();
        for (int index = 0; index < CASES; index++) {
            GeneratedCase generated = generate(new Random(cases.nextLong()));
            String context = "seed " + seed + ", case " + index + " " + generated.mutations();
            long started = System.nanoTime();
            boolean accepted = parsesToAValidSpecOrViolations(generated.text(), context);
            stats.record(generated, accepted, System.nanoTime() - started, index);
        }
        return stats;
    }

    /** The property itself: true when accepted (and the spec keeps every rule), false when rejected. */
    private static boolean parsesToAValidSpecOrViolations(String text, String context) {
        ClusterSpec spec;
        try {
            spec = SpecParser.parse(text, "fuzz.conf");
        } catch (SpecException e) {
            assertFalse(e.violations().isEmpty(), () -> context + ": SpecException without violations\n" + excerpt(text));
            assertNotNull(e.getMessage(), context);
            return false;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(context + ": " + e + "\n" + excerpt(text), e);
        }
        Invariants.assertKept(spec, context + "\n" + excerpt(text));
        return true;
    }

    // ---- generating cases ---------------------------------------------------------------------

    private record GeneratedCase(String text, List<Mutation> mutations) {}

    private static GeneratedCase generate(Random random) {
        Document document = new Document(validSpec(random), new ArrayList<>());
        Style style = Style.random(random);
        if (random.nextInt(CONTROL_EVERY) == 0) {
            return new GeneratedCase(document.render(style), List.of());
        }
        List<Mutation> mutations = new ArrayList<>();
        int count = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        for (int i = 0; i < count; i++) {
            mutations.add(Mutation.values()[random.nextInt(Mutation.values().length)]);
        }
        // Text mutations act on the rendered document, so they come after the tree's.
        mutations.sort((left, right) -> Boolean.compare(left.onText(), right.onText()));
        String text = null;
        for (Mutation mutation : mutations) {
            if (mutation.onText()) {
                text = mutation.text.apply(text == null ? document.render(style) : text, random);
            } else {
                mutation.tree.accept(document, random);
            }
        }
        return new GeneratedCase(text == null ? document.render(style) : text, List.copyOf(mutations));
    }

    private enum Mutation {
        DROP_KEY(SpecFuzzTest::dropKey),
        DUPLICATE_KEY(SpecFuzzTest::duplicateKey),
        UNKNOWN_KEY(SpecFuzzTest::unknownKey),
        WRONG_TYPE(SpecFuzzTest::wrongType),
        EXTREME_NUMBER(SpecFuzzTest::extremeNumber),
        OBJECT_FOR_SCALAR(SpecFuzzTest::objectForScalar),
        LIST_OF_OBJECTS(SpecFuzzTest::listOfObjects),
        HOSTILE_STRING(SpecFuzzTest::hostileString),
        LONG_STRING(SpecFuzzTest::longString),
        DEEP_NESTING(SpecFuzzTest::deepNesting),
        SUBSTITUTION(SpecFuzzTest::substitution),
        INCLUDE(SpecFuzzTest::include),
        MANY_ITEMS(SpecFuzzTest::manyItems),
        EXTRA_ITEMS(SpecFuzzTest::extraItems),
        COPIED_VALUE(SpecFuzzTest::copiedValue),
        DOTTED_KEYS(SpecFuzzTest::dottedKeys),
        TRUNCATE(SpecFuzzTest::truncate),
        RANDOM_BYTES(SpecFuzzTest::randomBytes),
        RANDOM_DOCUMENT(SpecFuzzTest::randomDocument);

        private final BiConsumer<Document, Random> tree;
        private final BiFunction<String, Random, String> text;

        Mutation(BiConsumer<Document, Random> tree) {
            this.tree = tree;
            this.text = null;
        }

        Mutation(BiFunction<String, Random, String> text) {
            this.tree = null;
            this.text = text;
        }

        boolean onText() {
            return text != null;
        }
    }

    // ---- valid specs ----------------------------------------------------------------------------

    /** One of three valid specs: the manual's example, one using every key, the smallest. */
    private static Obj validSpec(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> obj(
                    field("cluster", obj(
                            field("name", string("staging")),
                            field("manager", string("node1")),
                            field("nodes", arr(string("node1"), string("node2"), string("node3"))))),
                    field("volumes", arr(obj(
                            field("name", string("staging-gfs")),
                            field("replica", literal("3")),
                            field("brick", string("/gluster/brick")),
                            field("force", literal("true")),
                            field("mount", obj(
                                    field("path", string("/mnt")),
                                    field("owner", string("root")),
                                    field("group", string("docker"))))))));
            case 1 -> obj(
                    field("cluster", obj(
                            field("name", string("prod.eu-1")),
                            field("nodes", arr(string("a.example.com"), string("b.example.com"), string("c"), string("d"))),
                            field("hosts", obj(
                                    field(ConfigUtil.quoteString("a.example.com"), string("10.0.0.1")),
                                    field("c", string("fd00::3")))))),
                    field("volumes", arr(
                            obj(
                                    field("name", string("data")),
                                    field("replica", literal("2")),
                                    field("brick", string("/gluster/data")),
                                    field("auth-allow", arr(string("10.0.0.*"), string("client.example.com"), string("fd00::9"))),
                                    field("mount", obj(
                                            field("path", string("/srv/data")),
                                            field("owner", literal("1000")),
                                            field("group", string("docker")),
                                            field("options", string("defaults,_netdev"))))),
                            obj(
                                    field("name", string("logs")),
                                    field("replica", literal("1")),
                                    field("nodes", arr(string("c"))),
                                    field("brick", string("/gluster/logs")),
                                    field("force", literal("false")),
                                    field("auth-allow", arr(string("*"))),
                                    field("mount", obj(field("path", string("/srv/logs"))))))));
            default -> obj(
                    field("cluster", obj(field("name", string("x")), field("nodes", arr(string("n1"))))),
                    field("volumes", arr(obj(
                            field("name", string("v")),
                            field("replica", literal("1")),
                            field("brick", string("/b"))))));
        };
    }

    // ---- tree mutations ---------------------------------------------------------------------------
    // Each does nothing when the document has no place left for it (earlier mutations emptied it).

    private static void dropKey(Document document, Random random) {
        anySlot(document, random, Slot::isField).ifPresent(slot -> ((Obj) slot.container()).fields().remove(slot.index()));
    }

    /** The same key again, with the same value or another; HOCON merges or overrides. */
    private static void duplicateKey(Document document, Random random) {
        anySlot(document, random, Slot::isField).ifPresent(slot -> {
            Obj container = (Obj) slot.container();
            Field original = container.fields().get(slot.index());
            Node value = random.nextBoolean() ? copy(original.value()) : randomValue(random, 2);
            container.fields().add(random.nextInt(container.fields().size() + 1), new Field(original.key(), value));
        });
    }

    private static final List<String> UNKNOWN_KEYS = List.of(
            "nmae", "Name", "NAME", "replicas", "node", "bricks", "forced", "auth_allow", "authAllow", "allow",
            "auth.allow", "mount.path.extra", "colour", "\"\"", "\"a.b\"", "\"ключ\"", "\"${x}\"", "\"key with spaces\"",
            "_", "-", "x".repeat(300), "\"\\u0000\"", "cluster", "volumes");

    private static void unknownKey(Document document, Random random) {
        Obj target = pick(random, document.objects());
        target.fields().add(random.nextInt(target.fields().size() + 1), new Field(pick(random, UNKNOWN_KEYS), randomValue(random, 2)));
    }

    private static void wrongType(Document document, Random random) {
        anySlot(document, random, slot -> true).ifPresent(slot -> slot.set(randomValue(random, 3)));
    }

    private static final List<String> EXTREME_NUMBERS = List.of(
            "0", "-0", "-1", "-3", "-2147483648", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
            "9223372036854775808", "99999999999999999999999999", "1e308", "1e400", "-1e400", "3.0", "2.5", "0.1", "1e2",
            "3e0", "0x10", "010", "1_000", "NaN", "Infinity", "\"NaN\"", "\"-Infinity\"", "\"3.0\"", "\"1e1\"", "\" 3\"", "+3");

    /** Half the time at replica, the one number a spec has; else at any scalar. */
    private static void extremeNumber(Document document, Random random) {
        Predicate<Slot> scalar = slot -> slot.get() instanceof Scalar;
        Optional<Slot> replica = random.nextBoolean() ? anySlot(document, random, slot -> "replica".equals(slot.key())) : Optional.empty();
        replica.or(() -> anySlot(document, random, scalar)).ifPresent(slot -> slot.set(literal(pick(random, EXTREME_NUMBERS))));
    }

    private static void objectForScalar(Document document, Random random) {
        anySlot(document, random, slot -> slot.get() instanceof Scalar)
                .ifPresent(slot -> slot.set(obj(field(pick(random, List.of("value", "name", "path", "a")), randomValue(random, 2)))));
    }

    private static void listOfObjects(Document document, Random random) {
        Node[] items = new Node[1 + random.nextInt(3)];
        for (int i = 0; i < items.length; i++) {
            items[i] = obj(field("name", string("x" + i)), field("path", string("/p" + i)));
        }
        anySlot(document, random, slot -> true).ifPresent(slot -> slot.set(arr(items)));
    }

    private static final List<String> HOSTILE_STRINGS = List.of(
            // unicode that looks like ASCII, reverses, or is invisible
            "stäging", "ѕtaging", "\u202Egnigats", "zero\u200Bwidth", "\uFEFFnode1", "e\u0301", "😀", "ｎｏｄｅ1",
            "\uD800", "\uFFFF",
            // control characters
            "\u0000", "node\u0000", "/gluster/\u0000brick", "\u0007", "\u001B[31mred", "a\rb", "\u007F", "\u0085", "\u2028", "a\nb",
            // shell metacharacters
            "; rm -rf /", "$(reboot)", "`id`", "| nc evil 1", "&& halt", "> /etc/passwd", "'q'", "\"dq\"", "a\\b", "*", "?", "~root",
            "node1;reboot", "/gluster/brick;reboot", "/gluster/$(id)", "/gluster/`id`", "/gluster/#x", "-rf", "--help",
            // dot segments and relative paths
            "/gluster/../etc", "/../../etc/shadow", "/gluster/./brick", "..", ".", "/.", "/..", "/gluster/brick/..",
            "gluster/brick", "./brick", "~/brick", "brick", "", " /gluster/brick", "/gluster/brick ",
            // system and volatile directories, malformed absolute paths
            "/", "/etc", "/var", "/proc/self", "/dev/shm/x", "/tmp/x", "/run/x", "//", "/gluster//brick", "/gluster/brick/",
            // addresses and host names near the edge
            "10.0.0.256", "10.0.0", "::", "fd00::1%eth0", "localhost", "node1.", "-node", "a..b", "10.0.0.*", "10.*.0.1",
            "NODE1", "Node1", "0", "1", "true", "null",
            // HOCON inside a string
            "${cluster.name}", "include \"x\"", "{a=1}", "[1]", "# comment", "// comment", "a,b", "a b", "\t");

    /** Mostly quoted, so the string arrives intact; sometimes bare, so HOCON gets to misread it. */
    private static void hostileString(Document document, Random random) {
        String value = pick(random, HOSTILE_STRINGS);
        anySlot(document, random, SpecFuzzTest::holdsString)
                .ifPresent(slot -> slot.set(random.nextInt(5) == 0 ? new Scalar(value, value) : string(value)));
    }

    /** Up to 100,000 characters: names, paths and lists far beyond any limit, or just below one. */
    private static void longString(Document document, Random random) {
        int length = switch (random.nextInt(4)) {
            case 0 -> 60 + random.nextInt(10);
            case 1 -> 250 + random.nextInt(10);
            case 2 -> random.nextInt(4100);
            default -> random.nextInt(100_001);
        };
        String unit = pick(random, List.of("a", "/a", "a.", "é", "\u0000", "/..", "1", " "));
        String value = unit.repeat(length / unit.length() + 1).substring(0, length);
        String written = value.startsWith("/") || random.nextBoolean() ? value : "/" + value;
        anySlot(document, random, SpecFuzzTest::holdsString).ifPresent(slot -> slot.set(string(written)));
    }

    /** Objects or lists nested up to 200 deep in place of a value. */
    private static void deepNesting(Document document, Random random) {
        int depth = 1 + random.nextInt(200);
        Node node = random.nextBoolean() ? string("bottom") : literal("1");
        boolean lists = random.nextBoolean();
        for (int i = 0; i < depth; i++) {
            node = lists && random.nextInt(4) != 0 ? arr(node) : obj(field("a", node));
        }
        Node nested = node;
        anySlot(document, random, slot -> true).ifPresent(slot -> slot.set(nested));
    }

    private static final List<String> SUBSTITUTIONS = List.of(
            "${cluster.name}", "${cluster.nodes}", "${cluster}", "${volumes}", "${nope}", "${?nope}", "${HOME}", "${?HOME}",
            "${PATH}", "${user.home}", "${?java.version}", "${cluster.name}${cluster.name}", "\"/gluster/\"${cluster.name}",
            "${cluster.nodes} [extra]", "${\"cluster\".\"name\"}", "${}", "${", "${cluster.name", "$ {x}", "${a.b.c.d.e.f}",
            "${cluster.manager}", "${?cluster.manager}", "${cluster.hosts}", "[${cluster.name}, ${cluster.name}]");

    /**
     * A substitution in place of a value: one of a list, or one naming its own key (the earlier
     * value, or a cycle), or two values naming each other; sometimes with an append ({@code +=}).
     */
    private static void substitution(Document document, Random random) {
        Optional<Slot> chosen = anySlot(document, random, slot -> true);
        if (chosen.isEmpty()) {
            return;
        }
        Slot slot = chosen.get();
        int kind = random.nextInt(3);
        if (kind == 0 && slot.path() != null) {
            slot.set(literal("${" + slot.path() + "}" + (random.nextBoolean() ? " [appended]" : "")));
        } else if (kind == 1 && slot.path() != null) {
            Slot other = anySlot(document, random, candidate -> candidate.path() != null).orElse(slot);
            slot.set(literal("${" + other.path() + "}"));
            other.set(literal("${" + slot.path() + "}"));
        } else {
            slot.set(literal(pick(random, SUBSTITUTIONS)));
        }
        if (random.nextInt(4) == 0) {
            document.statements().add(slot.path() == null ? "cluster.name += x" : slot.path() + " += \"more\"");
        }
    }

    private static final List<String> INCLUDES = List.of(
            "include \"other.conf\"", "include file(\"/etc/passwd\")", "include file(\"/dev/zero\")",
            "include url(\"http://127.0.0.1:9/spec.conf\")", "include classpath(\"reference.conf\")",
            "include required(file(\"/etc/hostname\"))", "include required(\"missing.conf\")", "include \"\"",
            "include \"/proc/self/environ\"", "include file(\"fuzz.conf\")");

    /** An include, at the top or inside an object; all are refused and none may be read. */
    private static void include(Document document, Random random) {
        String statement = pick(random, INCLUDES);
        if (random.nextBoolean()) {
            document.statements().add(statement);
        } else {
            Obj target = pick(random, document.objects());
            target.fields().add(random.nextInt(target.fields().size() + 1), new Field(statement, null));
        }
    }

    /** A list repeated up to thousands of times, the copies the same or renamed: nodes, volumes, auth entries. */
    private static void manyItems(Document document, Random random) {
        anySlot(document, random, slot -> slot.get() instanceof Arr).ifPresent(slot -> {
            List<Node> items = ((Arr) slot.get()).items();
            int times = 2 + random.nextInt(random.nextInt(4) == 0 ? 3000 : 20);
            boolean distinct = random.nextBoolean();
            List<Node> original = List.copyOf(items);
            for (int i = 1; i < times; i++) {
                for (Node item : original) {
                    items.add(renamed(item, distinct ? "-" + i : null));
                }
            }
        });
    }

    /** One more item in a list, or a few hundred: a duplicate, "*", a node, an address, host names. */
    private static void extraItems(Document document, Random random) {
        anySlot(document, random, slot -> slot.get() instanceof Arr).ifPresent(slot -> {
            List<Node> items = ((Arr) slot.get()).items();
            if (random.nextInt(4) == 0) {
                // Around the length gluster is given for auth-allow: 4096 characters is some 270 of these.
                int count = 1 + random.nextInt(400);
                for (int i = 0; i < count; i++) {
                    items.add(string("h" + i + ".example.com"));
                }
                return;
            }
            Node item = switch (random.nextInt(4)) {
                case 0 -> items.isEmpty() ? string("*") : copy(pick(random, items));
                case 1 -> string("*");
                case 2 -> string(pick(random, List.of("node1", "node4", "c", "10.0.0.9", "client2.example.com", "10.9.*.*")));
                default -> string(pick(random, HOSTILE_STRINGS));
            };
            items.add(random.nextInt(items.size() + 1), item);
        });
    }

    /**
     * One string written over another, half the time one of the same key: two volumes with one
     * mount or brick, a brick where a mount is, a volume named like another.
     */
    private static void copiedValue(Document document, Random random) {
        List<Slot> strings = document.slots().stream().filter(SpecFuzzTest::holdsString).toList();
        if (strings.size() < 2) {
            return;
        }
        Slot target = pick(random, strings);
        List<Slot> sameKey = strings.stream()
                .filter(slot -> slot.key() != null && slot.key().equals(target.key()))
                .filter(slot -> slot.container() != target.container() || slot.index() != target.index())
                .toList();
        Slot source = random.nextBoolean() && !sameKey.isEmpty() ? pick(random, sameKey) : pick(random, strings);
        target.set(source.get());
    }

    /**
     * {@code cluster { name = x }} written as {@code cluster.name = x}: the same document,
     * through HOCON's path expressions.
     */
    private static void dottedKeys(Document document, Random random) {
        anySlot(document, random, slot -> slot.container() == document.root() && slot.get() instanceof Obj).ifPresent(slot -> {
            Field outer = document.root().fields().remove(slot.index());
            for (Field inner : ((Obj) outer.value()).fields()) {
                String key = inner.value() == null ? inner.key() : outer.key() + "." + inner.key();
                document.root().fields().add(new Field(key, inner.value()));
            }
        });
    }

    private static boolean holdsString(Slot slot) {
        return slot.get() instanceof Scalar scalar && scalar.isString();
    }

    private static Optional<Slot> anySlot(Document document, Random random, Predicate<Slot> filter) {
        List<Slot> candidates = document.slots().stream().filter(filter).toList();
        return candidates.isEmpty() ? Optional.empty() : Optional.of(pick(random, candidates));
    }

    // ---- text mutations ---------------------------------------------------------------------------

    private static String truncate(String text, Random random) {
        return text.substring(0, random.nextInt(text.length() + 1));
    }

    private static final String HOCON_MARKS = "{}[]$\"\\#=:,+?.`^!@*&/\n\t ";

    /** Random characters put in or over the text: bytes, code points, HOCON's own marks. */
    private static String randomBytes(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits; i++) {
            String inserted = randomChars(random, 1 + random.nextInt(4));
            int at = random.nextInt(out.length() + 1);
            if (random.nextBoolean() && at < out.length()) {
                out.replace(at, Math.min(out.length(), at + inserted.length()), inserted);
            } else {
                out.insert(at, inserted);
            }
        }
        return out.toString();
    }

    /** The document thrown away for up to 2,000 random characters. */
    private static String randomDocument(String text, Random random) {
        return randomChars(random, random.nextInt(2001));
    }

    private static String randomChars(Random random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(4)) {
                case 0 -> out.append((char) random.nextInt(256));
                case 1 -> out.append(HOCON_MARKS.charAt(random.nextInt(HOCON_MARKS.length())));
                case 2 -> out.append((char) random.nextInt(Character.MAX_VALUE + 1));
                default -> out.appendCodePoint(Character.MIN_SUPPLEMENTARY_CODE_POINT + random.nextInt(0x1000));
            }
        }
        return out.toString();
    }

    // ---- random values ----------------------------------------------------------------------------

    private static Node randomValue(Random random, int depth) {
        int kinds = depth > 0 ? 7 : 5;
        return switch (random.nextInt(kinds)) {
            case 0 -> literal(pick(random, EXTREME_NUMBERS));
            case 1 -> literal(pick(random, List.of("true", "false", "yes", "off", "null")));
            case 2 -> string(pick(random, HOSTILE_STRINGS));
            case 3 -> string(pick(random, List.of("node1", "/gluster/brick", "10.0.0.1", "root", "staging")));
            case 4 -> literal(pick(random, SUBSTITUTIONS));
            case 5 -> arr(randomValue(random, depth - 1), randomValue(random, depth - 1));
            default -> obj(field(pick(random, List.of("name", "a", "path")), randomValue(random, depth - 1)));
        };
    }

    /** A copy of {@code node} whose strings carry {@code suffix}, when there is one: distinct names, nodes and paths. */
    private static Node renamed(Node node, String suffix) {
        if (node instanceof Scalar scalar) {
            return scalar.isString() && suffix != null ? string(scalar.value() + suffix) : scalar;
        }
        if (node instanceof Arr list) {
            return new Arr(new ArrayList<>(list.items().stream().map(child -> renamed(child, suffix)).toList()));
        }
        return new Obj(new ArrayList<>(((Obj) node).fields().stream()
                .map(field -> new Field(field.key(), field.value() == null ? null : renamed(field.value(), suffix)))
                .toList()));
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String excerpt(String text) {
        String shown = text.length() > 600 ? text.substring(0, 600) + "... (" + text.length() + " characters)" : text;
        return "---\n" + shown + "\n---";
    }

    // ---- the document model -------------------------------------------------------------------------

    /** A HOCON value as the generator writes it, kept as a tree so that mutations can aim at keys. */
    private sealed interface Node permits Obj, Arr, Scalar {}

    /** Fields in order, duplicates allowed; a field with a null value is a bare statement (include). */
    private record Obj(List<Field> fields) implements Node {}

    private record Field(String key, Node value) {}

    private record Arr(List<Node> items) implements Node {}

    /** Written exactly as {@code text}; {@code value} is the string it stands for, null for other scalars. */
    private record Scalar(String text, String value) implements Node {
        boolean isString() {
            return value != null;
        }
    }

    private static Obj obj(Field... fields) {
        return new Obj(new ArrayList<>(List.of(fields)));
    }

    private static Field field(String key, Node value) {
        return new Field(key, value);
    }

    private static Arr arr(Node... items) {
        return new Arr(new ArrayList<>(List.of(items)));
    }

    private static Scalar string(String value) {
        return new Scalar(ConfigUtil.quoteString(value), value);
    }

    /** Numbers, booleans, null, substitutions: anything written as is. */
    private static Scalar literal(String text) {
        return new Scalar(text, null);
    }

    private static Node copy(Node node) {
        return renamed(node, null);
    }

    /**
     * Where a value sits: a field of an object or an item of a list. {@code path} is its HOCON
     * path when a substitution can name it (not inside a list), else null.
     */
    private record Slot(Node container, int index, String path) {
        boolean isField() {
            return container instanceof Obj;
        }

        String key() {
            return container instanceof Obj object ? object.fields().get(index).key() : null;
        }

        Node get() {
            return container instanceof Obj object ? object.fields().get(index).value() : ((Arr) container).items().get(index);
        }

        void set(Node value) {
            if (container instanceof Obj object) {
                object.fields().set(index, new Field(object.fields().get(index).key(), value));
            } else {
                ((Arr) container).items().set(index, value);
            }
        }
    }

    private record Document(Obj root, List<String> statements) {
        /** Every value's place, root first; statements (null values) have none. */
        List<Slot> slots() {
            List<Slot> slots = new ArrayList<>();
            Deque<Slot> pending = new ArrayDeque<>();
            addChildren(root, "", pending);
            while (!pending.isEmpty()) {
                Slot slot = pending.removeFirst();
                slots.add(slot);
                if (slot.get() != null) {
                    addChildren(slot.get(), slot.path(), pending);
                }
            }
            return slots;
        }

        List<Obj> objects() {
            List<Obj> objects = new ArrayList<>(List.of(root));
            slots().stream().map(Slot::get).filter(Obj.class::isInstance).map(Obj.class::cast).forEach(objects::add);
            return objects;
        }

        private static void addChildren(Node node, String path, Deque<Slot> pending) {
            if (node instanceof Obj object) {
                for (int i = 0; i < object.fields().size(); i++) {
                    Field field = object.fields().get(i);
                    if (field.value() != null) {
                        String child = path == null ? null : path.isEmpty() ? field.key() : path + "." + field.key();
                        pending.add(new Slot(object, i, child));
                    }
                }
            } else if (node instanceof Arr list) {
                for (int i = 0; i < list.items().size(); i++) {
                    pending.add(new Slot(list, i, null));
                }
            }
        }

        String render(Style style) {
            StringBuilder out = new StringBuilder();
            for (String statement : statements) {
                out.append(statement).append('\n');
            }
            if (style.rootBraces()) {
                out.append("{\n");
            }
            for (Field field : root.fields()) {
                style.field(out, field, 0);
                out.append('\n');
            }
            if (style.rootBraces()) {
                out.append("}\n");
            }
            return out.toString();
        }
    }

    /** How a document is written: every choice HOCON allows for the same meaning. */
    private record Style(String assign, boolean bareObjects, String separator, boolean rootBraces, boolean bareStrings) {
        private static final Pattern BARE_SAFE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

        static Style random(Random random) {
            return new Style(pick(random, List.of(" = ", "=", ": ", " : ")), random.nextBoolean(),
                    pick(random, List.of("\n", ", ", ",\n")), random.nextInt(4) == 0, random.nextBoolean());
        }

        void field(StringBuilder out, Field field, int depth) {
            if (field.value() == null) {
                out.append(field.key());
                return;
            }
            out.append(field.key());
            out.append(field.value() instanceof Obj && bareObjects ? " " : assign);
            value(out, field.value(), depth);
        }

        void value(StringBuilder out, Node node, int depth) {
            if (node instanceof Scalar scalar) {
                out.append(bare(scalar));
            } else if (node instanceof Arr list) {
                out.append('[');
                for (int i = 0; i < list.items().size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    value(out, list.items().get(i), depth + 1);
                }
                out.append(']');
            } else {
                Obj object = (Obj) node;
                out.append('{');
                for (int i = 0; i < object.fields().size(); i++) {
                    out.append(i == 0 ? "" : separator);
                    field(out, object.fields().get(i), depth + 1);
                }
                out.append('}');
            }
        }

        /** Simple quoted strings written bare when the style says so; HOCON reads both the same. */
        private String bare(Scalar scalar) {
            if (!bareStrings || !scalar.isString() || !scalar.text().startsWith("\"")) {
                return scalar.text();
            }
            boolean keyword = List.of("true", "false", "yes", "no", "on", "off", "null", "include").contains(scalar.value());
            return BARE_SAFE.matcher(scalar.value()).matches() && !keyword ? scalar.value() : scalar.text();
        }
    }

    // ---- the rules again, for accepted specs -----------------------------------------------------------

    /** The rules an accepted spec keeps, checked without {@link SpecRules} or {@code Validation}. */
    private static final class Invariants {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
        private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
        private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
        /** {@code 10.0.0.*}, {@code 10.0.*.*}, {@code 10.*.*.*}. */
        private static final Pattern IPV4_WILDCARD = Pattern.compile(
                OCTET + "\\.(" + OCTET + "\\.(" + OCTET + "\\.\\*|\\*\\.\\*)|\\*\\.\\*\\.\\*)");
        private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
        private static final Pattern ACCOUNT = Pattern.compile("[a-z_][a-z0-9_-]{0,31}\\$?|\\d{1,10}");
        private static final Pattern MOUNT_OPTIONS = Pattern.compile("[A-Za-z0-9_.,=:/@+-]+");
        private static final Set<String> SYSTEM_DIRECTORIES = Set.of(
                "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/root", "/run", "/sbin",
                "/sys", "/tmp", "/usr", "/var");

        static void assertKept(ClusterSpec spec, String context) {
            assertTrue(NAME.matcher(spec.name()).matches(), () -> context + ": cluster name " + spec.name());
            assertFalse(spec.nodes().isEmpty(), context);
            for (String node : spec.nodes()) {
                assertTrue(NAME.matcher(node).matches() || isHostName(node), () -> context + ": node " + node);
            }
            assertNoDuplicates(spec.nodes(), context + ": cluster nodes");
            assertTrue(spec.nodes().contains(spec.manager()), () -> context + ": manager " + spec.manager());
            Set<String> addresses = new HashSet<>();
            spec.hosts().forEach((node, address) -> {
                assertTrue(spec.nodes().contains(node), () -> context + ": hosts entry for " + node);
                assertTrue(IPV4.matcher(address).matches() || IPV6.matcher(address).matches(), () -> context + ": address " + address);
                assertTrue(addresses.add(address.toLowerCase(Locale.ROOT)), () -> context + ": address twice " + address);
            });

            assertFalse(spec.volumes().isEmpty(), context);
            for (VolumeSpec volume : spec.volumes()) {
                assertVolumeKept(spec, volume, context + ": volume " + volume.name());
            }
            assertNoDuplicates(spec.volumes().stream().map(VolumeSpec::name).toList(), context + ": volume names");
            for (int later = 0; later < spec.volumes().size(); later++) {
                VolumeSpec volume = spec.volumes().get(later);
                for (VolumeSpec mounted : spec.volumes()) {
                    assertApart(volume.brick(), mounted.mount().path(), context + ": brick and mount");
                }
                for (int earlier = 0; earlier < later; earlier++) {
                    VolumeSpec other = spec.volumes().get(earlier);
                    assertApart(volume.mount().path(), other.mount().path(), context + ": mounts");
                    if (volume.nodes().stream().anyMatch(other.nodes()::contains)) {
                        assertApart(volume.brick(), other.brick(), context + ": bricks on a shared node");
                    }
                }
            }

            ClusterSpec reread;
            try {
                reread = SpecParser.parse(SpecRenderer.render(spec), "rendered.conf");
            } catch (SpecException e) {
                throw new AssertionError(context + ": the stored form is rejected: " + e.getMessage(), e);
            }
            assertEquals(spec, reread, () -> context + ": the stored form reads back differently");
        }

        private static void assertVolumeKept(ClusterSpec spec, VolumeSpec volume, String context) {
            assertTrue(NAME.matcher(volume.name()).matches(), context);
            assertTrue(volume.replica() >= 1, () -> context + ": replica " + volume.replica());
            assertFalse(volume.nodes().isEmpty(), context);
            assertTrue(spec.nodes().containsAll(volume.nodes()), () -> context + ": nodes " + volume.nodes());
            assertNoDuplicates(volume.nodes(), context + ": nodes");
            assertEquals(0, volume.nodes().size() % volume.replica(), () -> context + ": replica does not divide the nodes");
            assertDataPath(volume.brick(), context + ": brick");
            assertDataPath(volume.mount().path(), context + ": mount path");
            assertTrue(ACCOUNT.matcher(volume.mount().owner()).matches(), () -> context + ": owner " + volume.mount().owner());
            assertTrue(ACCOUNT.matcher(volume.mount().group()).matches(), () -> context + ": group " + volume.mount().group());
            String options = volume.mount().options();
            assertTrue(options == null || MOUNT_OPTIONS.matcher(options).matches(), () -> context + ": options " + options);
            volume.authAllow().ifPresent(entries -> assertAuthAllowKept(entries, context + ": auth-allow " + entries));
        }

        private static void assertAuthAllowKept(List<String> entries, String context) {
            assertFalse(entries.isEmpty(), context);
            assertTrue(String.join(",", entries).length() <= 4096, context);
            assertNoDuplicates(entries, context);
            if (entries.contains("*")) {
                assertEquals(List.of("*"), entries, context);
                return;
            }
            for (String entry : entries) {
                assertTrue(entry.chars().noneMatch(c -> c == ',' || Character.isWhitespace(c)), context);
                String lastLabel = entry.substring(entry.lastIndexOf('.') + 1);
                boolean hostName = isHostName(entry) && !lastLabel.chars().allMatch(Character::isDigit);
                assertTrue(IPV4.matcher(entry).matches() || IPV4_WILDCARD.matcher(entry).matches() || isIpv6(entry) || hostName,
                        () -> context + ": " + entry);
            }
        }

        /** Absolute, normalized, printable, and somewhere data survives a reboot. */
        private static void assertDataPath(String path, String context) {
            assertTrue(path.startsWith("/") && path.length() > 1, () -> context + " " + path);
            assertTrue(path.chars().allMatch(c -> c < 0x80), () -> context + " " + ConfigUtil.quoteString(path));
            assertTrue(path.chars().noneMatch(c -> c < 0x20 || c == 0x7f || Character.isWhitespace(c) || c == '#' || c == '\\'),
                    () -> context + " " + ConfigUtil.quoteString(path));
            assertEquals(path, Path.of(path).normalize().toString(), context);
            assertFalse(path.endsWith("/") || path.contains("//"), context);
            assertTrue(List.of(path.substring(1).split("/")).stream().noneMatch(part -> part.equals(".") || part.equals("..")),
                    () -> context + " " + path);
            assertFalse(SYSTEM_DIRECTORIES.contains(path), () -> context + " " + path);
            for (String tree : List.of("/dev/", "/proc/", "/run/", "/sys/", "/tmp/")) {
                assertFalse(path.startsWith(tree), () -> context + " " + path);
            }
        }

        private static void assertApart(String path, String other, String context) {
            assertFalse(path.equals(other) || path.startsWith(other + "/") || other.startsWith(path + "/"),
                    () -> context + ": " + path + " and " + other);
        }

        private static void assertNoDuplicates(List<String> values, String context) {
            Set<String> seen = new HashSet<>();
            for (String value : values) {
                assertTrue(seen.add(value.toLowerCase(Locale.ROOT)), () -> context + ": " + value + " twice");
            }
        }

        /** What the agent accepts: the JDK parses a bracketed literal without asking DNS. */
        private static boolean isIpv6(String value) {
            if (!IPV6.matcher(value).matches()) {
                return false;
            }
            try {
                InetAddress.getByName("[" + value + "]");
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private static boolean isHostName(String value) {
            return value.length() <= 253 && List.of(value.split("\\.", -1)).stream().allMatch(label -> LABEL.matcher(label).matches());
        }
    }

    // ---- counting -----------------------------------------------------------------------------------

    private static final class Stats {
        int generated;
        int controls;
        int controlsAccepted;
        int hostile;
        int hostileRejected;
        long totalNanos;
        long slowestNanos;
        int slowestCase;
        List<Mutation> slowestMutations = List.of();
        final Map<Mutation, Integer> casesBy = new EnumMap<>(Mutation.class);
        final Map<Mutation, Integer> rejectedBy = new EnumMap<>(Mutation.class);
        final Map<Mutation, Long> nanosBy = new EnumMap<>(Mutation.class);

        void record(GeneratedCase generated, boolean accepted, long nanos, int index) {
            this.generated++;
            totalNanos += nanos;
            if (nanos > slowestNanos) {
                slowestNanos = nanos;
                slowestCase = index;
                slowestMutations = generated.mutations();
            }
            if (generated.mutations().isEmpty()) {
                controls++;
                controlsAccepted += accepted ? 1 : 0;
                return;
            }
            hostile++;
            hostileRejected += accepted ? 0 : 1;
            for (Mutation mutation : Set.copyOf(generated.mutations())) {
                casesBy.merge(mutation, 1, Integer::sum);
                rejectedBy.merge(mutation, accepted ? 0 : 1, Integer::sum);
                nanosBy.merge(mutation, nanos, Long::sum);
            }
        }

        String summary(long seed) {
            String byMutation = casesBy.entrySet().stream()
                    .map(entry -> String.format("  %-18s %5d cases, %5d rejected, %6d ms", entry.getKey(), entry.getValue(),
                            rejectedBy.getOrDefault(entry.getKey(), 0), nanosBy.getOrDefault(entry.getKey(), 0L) / 1_000_000))
                    .collect(Collectors.joining("\n"));
            int accepted = controlsAccepted + hostile - hostileRejected;
            return String.format("spec fuzz, seed %d: %d generated, %d rejected, %d accepted; %d controls (%d accepted),"
                            + " %d mutated (%d rejected); parsing took %d ms, slowest case %d %s (%d ms)%n%s",
                    seed, generated, generated - accepted, accepted, controls, controlsAccepted, hostile, hostileRejected,
                    totalNanos / 1_000_000, slowestCase, slowestMutations, slowestNanos / 1_000_000, byMutation);
        }
    }
}
