package io.brickwork.coordinator.cli;

import io.brickwork.common.validation.DirectoryRules;
import io.brickwork.common.validation.Validation;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.DirectorySpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.swarm.StorageLabels;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.MountStatus;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints the part of a stack file's service that puts an application directory of a volume
 * into a container: the bind mount (as in the manual procedure's couchdb example) and the
 * placement constraint on the storage-ready label.
 */
@Command(name = "compose-snippet",
        description = "Print the stack-file lines that bind-mount an application directory of a volume.")
final class ComposeSnippetCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "VOLUME")
    String volume;

    @Parameters(index = "1", paramLabel = "DIR", description = "The directory, relative to the volume's mount.")
    String directory;

    @Option(names = "--target", required = true, paramLabel = "PATH", description = "Where the container sees it.")
    String target;

    @Option(names = {"-f", "--file"}, paramLabel = "SPEC",
            description = "Take the mount from this spec instead of asking the coordinator.")
    Path file;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Validation.nameProblem(volume).ifPresent(problem -> {
            throw new BadInputException("VOLUME '" + volume + "' " + problem);
        });
        DirectoryRules.relativePathProblem(directory).ifPresent(problem -> {
            throw new BadInputException("DIR '" + directory + "' " + problem);
        });
        Validation.absolutePathProblem(target).ifPresent(problem -> {
            throw new BadInputException("--target '" + target + "' " + problem);
        });
        String mount = file != null ? mountFromSpec() : mountFromCoordinator();
        PrintWriter out = command.commandLine().getOut();
        out.print(snippet(mount + "/" + directory, target, volume));
        out.flush();
        return ExitCodes.OK;
    }

    static String snippet(String source, String target, String volume) {
        return """
                    volumes:
                      - type: bind
                        source: %s
                        target: %s
                    deploy:
                      placement:
                        constraints:
                          - node.labels.%s == %s
                """.formatted(source, target, StorageLabels.key(volume), StorageLabels.READY);
    }

    private String mountFromSpec() {
        ClusterSpec spec = SpecParser.parse(SpecFile.read(file, command.commandLine().getErr()), file.toString());
        VolumeSpec found = spec.volumes().stream().filter(candidate -> candidate.name().equals(volume)).findFirst()
                .orElseThrow(() -> new BadInputException("no volume " + volume + " in " + file));
        if (found.directories().stream().map(DirectorySpec::path).noneMatch(directory::equals)) {
            throw new BadInputException(directory + " is not one of the directories of volume " + volume + " in " + file
                    + "; add it to volumes[].directories so that Brickwork creates it on the volume");
        }
        return found.mount().path();
    }

    private String mountFromCoordinator() {
        try (ClientChannel connection = client.connect()) {
            ManagedChannel channel = connection.channel();
            GetStatusResponse status = CoordinatorGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getStatus(GetStatusRequest.getDefaultInstance());
            Optional<String> mount = status.getMountsList().stream()
                    .filter(candidate -> candidate.getSource().endsWith(":/" + volume))
                    .map(MountStatus::getMountPoint).findFirst();
            return mount.orElseThrow(() -> new ClientSetupException("no node reports a mount of " + volume
                    + "; pass the spec with -f"));
        }
    }
}
