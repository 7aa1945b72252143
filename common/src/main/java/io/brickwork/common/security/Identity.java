package io.brickwork.common.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.validation.Validation;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who a certificate belongs to, as the cluster CA vouches for it: the one {@code brickwork://}
 * URI in the certificate's subject alternative names. The subject CN is informational only.
 */
public record Identity(Role role, String name) {
    private static final String SCHEME = "brickwork://";
    private static final int URI_SAN = 6;

    public Identity {
        requireNonNull(role, "role is null");
        requireNonNull(name, "name is null");
        // Node and coordinator names end up as host names (TLS SANs, gluster peers); admins are just people.
        Optional<String> problem = role == Role.ADMIN ? Validation.nameProblem(name) : Validation.hostnameProblem(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(role.pathSegment() + " name '" + name + "' " + problem.get());
        }
    }

    public String uri() {
        return SCHEME + role.pathSegment() + "/" + name;
    }

    /** Parses {@code brickwork://ROLE/NAME}; throws IllegalArgumentException on anything else. */
    public static Identity fromUri(String uri) {
        requireNonNull(uri, "uri is null");
        if (!uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("'" + uri + "' is not a " + SCHEME + " URI");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + uri + "' is not of the form " + SCHEME + "ROLE/NAME");
        }
        String segment = rest.substring(0, slash);
        for (Role role : Role.values()) {
            if (role.pathSegment().equals(segment)) {
                // The name checks reject '/', '?', '#', '%' and the like, so nothing else can hide in the URI.
                return new Identity(role, rest.substring(slash + 1));
            }
        }
        throw new IllegalArgumentException("'" + uri + "' names an unknown role '" + segment + "'");
    }

    /**
     * The identity in a certificate the cluster CA issued: present only when the certificate carries
     * exactly one URI subject alternative name and it is a valid {@code brickwork://} URI. The caller
     * must have verified the certificate's chain first; this only reads it.
     */
    public static Optional<Identity> of(X509Certificate certificate) {
        requireNonNull(certificate, "certificate is null");
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        if (names == null) {
            return Optional.empty();
        }
        List<String> uris = new ArrayList<>();
        for (List<?> entry : names) {
            if (entry.size() >= 2 && entry.get(0) instanceof Integer type && type == URI_SAN
                    && entry.get(1) instanceof String value) {
                uris.add(value);
            }
        }
        if (uris.size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromUri(uris.get(0)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return uri();
    }
}
