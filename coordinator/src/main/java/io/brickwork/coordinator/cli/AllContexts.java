package io.brickwork.coordinator.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.brickwork.coordinator.cli.ContextStore.Context;
import io.brickwork.coordinator.cli.ContextStore.Contexts;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code brickwork status --all-contexts}: every context's health in one table, asked in
 * parallel so that one coordinator that does not answer costs its deadline once, not once per row.
 */
final class AllContexts {
    /** Shorter than a single status call's: this is the overview, a slow coordinator is a finding. */
    private static final long DEADLINE_SECONDS = 10;
    private static final int MAX_PARALLEL = 8;

    /** One context's answer: its status, or why there is none. */
    record Row(Context context, boolean current, Optional<GetStatusResponse> status, Optional<String> error) {
        int exitCode() {
            return status.map(StatusView::exitCode).orElse(ExitCodes.FAILED);
        }

        String health() {
            return status.map(s -> s.getHealth().name().replace("HEALTH_", "")).orElse("UNREACHABLE");
        }

        String problems() {
            return status.map(s -> Integer.toString(Math.max(s.getProblemDetailsCount(), s.getProblemsCount())))
                    .orElse("-");
        }
    }

    private final ContextStore contexts;
    private final boolean json;

    AllContexts(ContextStore contexts, boolean json) {
        this.contexts = contexts;
        this.json = json;
    }

    int show(PrintWriter out) {
        Contexts all = contexts.read();
        if (all.byName().isEmpty()) {
            throw new BadInputException("no contexts in " + contexts.file() + ": add one with "
                    + "`brickwork context add NAME --coordinator HOST:PORT --tls-dir DIR`");
        }
        List<Row> rows = ask(all);
        if (json) {
            for (Row row : rows) {
                out.println(json(row));
            }
        } else {
            print(out, rows);
        }
        out.flush();
        return rows.stream().mapToInt(Row::exitCode).reduce(ExitCodes.OK, AllContexts::worse);
    }

    /**
     * The worse of two status exit codes: healthy, then degraded, then not known (1: the coordinator
     * could not be asked), then failed. Not known ranks above degraded: on call, a cluster nobody can
     * see needs a person sooner than one that is known to be only degraded.
     */
    static int worse(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.OK -> 0;
            case ExitCodes.UNHEALTHY -> 1;
            case ExitCodes.FAILED -> 2;
            default -> 3;
        };
    }

    private static List<Row> ask(Contexts all) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, all.byName().size()));
        try {
            List<CompletableFuture<Row>> pending = new ArrayList<>();
            for (Context context : all.byName().values()) {
                boolean current = all.current().filter(context.name()::equals).isPresent();
                pending.add(CompletableFuture.supplyAsync(() -> ask(context, current), pool));
            }
            return pending.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Row ask(Context context, boolean current) {
        Path tlsDir = context.tlsDir().orElseGet(ClientOptions::defaultTlsDir);
        try (ClientChannel connection = ClientOptions.connect(context.coordinator(), tlsDir)) {
            GetStatusResponse status = CoordinatorGrpc.newBlockingStub(connection.channel())
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .getStatus(GetStatusRequest.getDefaultInstance());
            return new Row(context, current, Optional.of(status), Optional.empty());
        } catch (StatusRuntimeException e) {
            return new Row(context, current, Optional.empty(), Optional.of(GrpcErrors.describe(e, context.coordinator())));
        } catch (BadInputException | ClientSetupException e) {
            return new Row(context, current, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private static void print(PrintWriter out, List<Row> rows) {
        out.printf("%-1s %-20s %-32s %-12s %s%n", "", "CONTEXT", "COORDINATOR", "HEALTH", "PROBLEMS");
        for (Row row : rows) {
            out.printf("%-1s %-20s %-32s %-12s %s%n", row.current() ? "*" : "", row.context().name(),
                    row.context().coordinator(), row.health(), row.problems());
        }
        for (Row row : rows) {
            row.error().ifPresent(error -> out.printf("%s: %s%n", row.context().name(), error));
        }
    }

    /** One JSON object per context; "status" is the same object `status -o json` prints. */
    private static String json(Row row) {
        Struct.Builder object = Struct.newBuilder()
                .putFields("context", text(row.context().name()))
                .putFields("coordinator", text(row.context().coordinator()))
                .putFields("current", Value.newBuilder().setBoolValue(row.current()).build())
                .putFields("health", text(row.health().toLowerCase(Locale.ROOT)));
        row.error().ifPresent(error -> object.putFields("error", text(error)));
        if (row.status().isPresent()) {
            Struct.Builder status = Struct.newBuilder();
            try {
                JsonFormat.parser().merge(Output.json(row.status().get()), status);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("cannot re-read the status as JSON", e);
            }
            object.putFields("status", Value.newBuilder().setStructValue(status).build());
        }
        return Output.json(object);
    }

    private static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }
}
