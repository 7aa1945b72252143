package io.brickwork.coordinator.gateway;

import io.brickwork.common.validation.Validation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses an agent reports in its Hello, as far as the coordinator uses them: IP literals
 * only (a name would be resolved by whoever reads it later), at most {@link #MAX} of them. An
 * IPv6 zone ("%eth0") means nothing on another machine and is dropped. Nothing proves an agent
 * owns what it reports, so these only ever help where the certificate's name leaves a gap.
 */
final class ReportedAddresses {
    static final int MAX = 16;

    private ReportedAddresses() {}

    static List<String> usable(List<String> reported) {
        Set<String> usable = new LinkedHashSet<>();
        for (String address : reported) {
            int zone = address.indexOf('%');
            String literal = zone < 0 ? address : address.substring(0, zone);
            if (usable.size() < MAX && Validation.addressProblem(literal).isEmpty()) {
                usable.add(literal);
            }
        }
        return List.copyOf(usable);
    }
}
