package io.brickwork.common.security;

import java.util.Locale;

/** What a certificate holder is to the cluster; the CA writes it into the certificate's URI SAN. */
public enum Role {
    NODE,
    ADMIN,
    COORDINATOR;

    /** The role as it appears in a {@code brickwork://ROLE/NAME} URI and in the subject's OU. */
    public String pathSegment() {
        return name().toLowerCase(Locale.ROOT);
    }
}
