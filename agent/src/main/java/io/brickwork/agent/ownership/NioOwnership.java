package io.brickwork.agent.ownership;

import io.brickwork.agent.directories.Directories;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * {@link Ownership} with java.nio: names are looked up through the C library (so NSS sources
 * like LDAP count), numeric ids are accepted, and principals compare by id.
 */
public final class NioOwnership implements Ownership {
    private final UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();

    @Inject
    public NioOwnership() {}

    @Override
    public Owners of(Path path) throws IOException {
        PosixFileAttributes attributes = attributes(path);
        return new Owners(attributes.owner().getName(), attributes.group().getName());
    }

    @Override
    public Owners of(Directories.Handle directory) throws IOException {
        PosixFileAttributes attributes = directory.ownerView().readAttributes();
        return new Owners(attributes.owner().getName(), attributes.group().getName());
    }

    @Override
    public boolean ownedBy(Directories.Handle directory, String user, String group)
            throws IOException, NoSuchAccountException {
        PosixFileAttributes attributes = directory.ownerView().readAttributes();
        return attributes.owner().equals(user(user)) && attributes.group().equals(group(group));
    }

    @Override
    public void set(Directories.Handle directory, String user, String group) throws IOException, NoSuchAccountException {
        PosixFileAttributeView view = directory.ownerView();
        UserPrincipal owner = user(user);
        GroupPrincipal groupPrincipal = group(group);
        view.setOwner(owner);
        view.setGroup(groupPrincipal);
    }

    @Override
    public void requireUser(String user) throws IOException, NoSuchAccountException {
        user(user);
    }

    @Override
    public void requireGroup(String group) throws IOException, NoSuchAccountException {
        group(group);
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private UserPrincipal user(String name) throws IOException, NoSuchAccountException {
        try {
            return lookup.lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new NoSuchAccountException("user", name);
        }
    }

    private GroupPrincipal group(String name) throws IOException, NoSuchAccountException {
        try {
            return lookup.lookupPrincipalByGroupName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new NoSuchAccountException("group", name);
        }
    }
}
