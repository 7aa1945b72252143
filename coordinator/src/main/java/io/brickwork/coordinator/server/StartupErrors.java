package io.brickwork.coordinator.server;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Why the coordinator could not start, for people: one line per distinct cause, without the
 * injector's wrapping (which names one cause once for every object that needed it).
 */
public final class StartupErrors {
    private StartupErrors() {}

    /** The distinct causes of {@code failure}, in the order met. */
    public static List<String> causes(Throwable failure) {
        Set<String> causes = new LinkedHashSet<>();
        collect(failure, causes);
        return List.copyOf(causes);
    }

    /** "1) ...\n2) ...\n", like the list of configuration problems. */
    public static String numbered(Throwable failure) {
        StringBuilder out = new StringBuilder();
        List<String> causes = causes(failure);
        for (int i = 0; i < causes.size(); i++) {
            out.append(i + 1).append(") ").append(causes.get(i)).append('\n');
        }
        return out.toString();
    }

    private static void collect(Throwable failure, Set<String> causes) {
        if (failure instanceof CreationException creation) {
            collect(creation.getErrorMessages(), causes);
        } else if (failure instanceof ProvisionException provision) {
            collect(provision.getErrorMessages(), causes);
        } else if (isWrapper(failure)) {
            collect(failure.getCause(), causes);
        } else {
            causes.add(failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName());
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            collect(suppressed, causes);
        }
    }

    private static void collect(Collection<Message> messages, Set<String> causes) {
        for (Message message : messages) {
            if (message.getCause() != null) {
                collect(message.getCause(), causes);
            } else {
                causes.add(message.getMessage());
            }
        }
    }

    /** An exception that only carries another: no words of its own, or just its cause's. */
    private static boolean isWrapper(Throwable failure) {
        Throwable cause = failure.getCause();
        return cause != null && cause != failure
                && (failure.getMessage() == null || failure.getMessage().equals(cause.toString()));
    }
}
