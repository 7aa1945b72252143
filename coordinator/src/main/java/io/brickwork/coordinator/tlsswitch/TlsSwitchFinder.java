package io.brickwork.coordinator.tlsswitch;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.GlusterTlsReport;
import io.brickwork.proto.agent.v1.NodeReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a spec asks a running cluster to switch to TLS, from the nodes' last reports (their
 * agents read secure-access and glusterd's store). A node that glusterd has no volume on yet is
 * switched by the ordinary gluster-tls step; only a pool that holds volumes needs the outage. The
 * agents' steps read again before they change anything.
 */
public final class TlsSwitchFinder {
    private TlsSwitchFinder() {}

    public static Optional<TlsSwitch> find(ClusterSpec spec, Function<String, Optional<NodeReport>> reports) {
        if (!spec.tls()) {
            return Optional.empty();
        }
        Set<String> existing = new LinkedHashSet<>();
        Set<String> plain = new LinkedHashSet<>();
        List<String> nodes = new ArrayList<>();
        for (String node : spec.nodes()) {
            Optional<NodeReport> report = reports.apply(node);
            if (report.isEmpty() || !report.get().hasGlusterTls()) {
                continue;
            }
            GlusterTlsReport tls = report.get().getGlusterTls();
            existing.addAll(tls.getTlsVolumesList());
            existing.addAll(tls.getPlainVolumesList());
            plain.addAll(tls.getPlainVolumesList());
            if (!tls.getManagement() && tls.getTlsVolumesCount() + tls.getPlainVolumesCount() > 0) {
                nodes.add(node);
            }
        }
        List<String> volumes = spec.volumes().stream().filter(VolumeSpec::tls).map(VolumeSpec::name)
                .filter(plain::contains).toList();
        if (nodes.isEmpty() && volumes.isEmpty()) {
            return Optional.empty();
        }
        List<String> stopped = nodes.isEmpty() ? volumes
                : spec.volumes().stream().map(VolumeSpec::name).filter(existing::contains).toList();
        // Every node switches once one does: a pool half on TLS is cut in two.
        List<String> switched = nodes.isEmpty() ? List.of() : spec.nodes().stream()
                .filter(node -> reports.apply(node).map(report -> !report.getGlusterTls().getManagement()).orElse(true))
                .toList();
        return Optional.of(new TlsSwitch(switched, stopped, volumes));
    }
}
