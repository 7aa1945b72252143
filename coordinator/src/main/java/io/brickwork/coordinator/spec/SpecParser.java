package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a HOCON spec into a {@link ClusterSpec}, or into a {@link SpecException} listing every
 * violation. Nothing runs against a cluster before this has passed.
 *
 * <p>A spec is one self-contained document: substitutions may refer to the document itself,
 * never to environment variables or system properties, and includes are refused. What the
 * coordinator applies is then exactly what the stored document says.
 *
 * <p>Any text gives a spec or a {@link SpecException}, never another exception: the document's
 * size, nesting and substitutions are bounded ({@link DocumentLimits}) before Typesafe, which
 * recurses without limits, reads it.
 */
public final class SpecParser {
    private SpecParser() {}

    /**
     * @param origin names the document in messages, usually its file name
     * @throws SpecException with every violation found, syntax errors naming their line
     */
    public static ClusterSpec parse(String hoconText, String origin) {
        requireNonNull(hoconText, "hoconText is null");
        requireNonNull(origin, "origin is null");
        ConfigObject document = document(hoconText, origin);
        List<Violation> violations = new ArrayList<>();
        Draft.Cluster draft = new SpecReader(violations).read(document);
        new SpecRules(violations).check(draft);
        if (!violations.isEmpty()) {
            throw new SpecException(origin, violations);
        }
        ClusterSpec spec = draft.toSpec();
        // The coordinator stores the canonical form and reads it back with this parser. With every
        // default written out and substitutions expanded it can outgrow the document.
        int canonicalLength = SpecRenderer.render(spec).length();
        if (canonicalLength > DocumentLimits.MAX_CHARS) {
            throw new SpecException(origin, List.of(new Violation("", null, origin + ": written out in full, as the coordinator"
                    + " stores it, the spec has " + canonicalLength + " characters; a spec may have at most "
                    + DocumentLimits.MAX_CHARS)));
        }
        return spec;
    }

    private static ConfigObject document(String hoconText, String origin) {
        DocumentLimits.checkText(hoconText, origin).ifPresent(violation -> {
            throw new SpecException(origin, List.of(violation));
        });
        RefusingIncluder includer = new RefusingIncluder();
        ConfigParseOptions options = ConfigParseOptions.defaults()
                .setOriginDescription(origin)
                .setSyntax(ConfigSyntax.CONF)
                .setIncluder(includer);
        Config parsed;
        try {
            parsed = ConfigFactory.parseString(hoconText, options);
        } catch (ConfigException e) {
            throw new SpecException(origin, List.of(new Violation("", null, e.getMessage())));
        } catch (StackOverflowError e) {
            throw tooDeep(origin);
        }
        if (!includer.refused.isEmpty()) {
            throw new SpecException(origin, includer.refused);
        }
        ConfigObject resolved;
        try {
            resolved = parsed.resolve(ConfigResolveOptions.noSystem()).root();
        } catch (ConfigException e) {
            throw new SpecException(origin, List.of(new Violation("", null, e.getMessage())));
        } catch (StackOverflowError e) {
            throw tooDeep(origin);
        }
        DocumentLimits.checkNesting(resolved).ifPresent(violation -> {
            throw new SpecException(origin, List.of(violation));
        });
        return resolved;
    }

    /**
     * The backstop for depth that {@link DocumentLimits} cannot see in the text, such as a path
     * expression of thousands of keys. Typesafe recurses once per level; what it was building
     * is garbage once the error unwinds, so nothing is left half-changed.
     */
    private static SpecException tooDeep(String origin) {
        return new SpecException(origin, List.of(new Violation("", null,
                origin + ": nested too deeply to read; a spec may nest at most " + DocumentLimits.MAX_NESTING + " levels")));
    }

    /**
     * Answers every include with nothing and remembers it. It implements each include kind,
     * since for any kind it lacks Typesafe falls back to its default, which reads the file.
     */
    private static final class RefusingIncluder
            implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
        private final List<Violation> refused = new ArrayList<>();

        @Override
        public ConfigIncluder withFallback(ConfigIncluder fallback) {
            return this;
        }

        @Override
        public ConfigObject include(ConfigIncludeContext context, String what) {
            return refuse("include \"" + what + "\"");
        }

        @Override
        public ConfigObject includeFile(ConfigIncludeContext context, File what) {
            return refuse("include file(\"" + what + "\")");
        }

        @Override
        public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
            return refuse("include url(\"" + what + "\")");
        }

        @Override
        public ConfigObject includeResources(ConfigIncludeContext context, String what) {
            return refuse("include classpath(\"" + what + "\")");
        }

        private ConfigObject refuse(String statement) {
            refused.add(new Violation("", null, statement + ": a spec is one self-contained document; includes are not read"));
            return ConfigFactory.empty().root();
        }
    }
}
