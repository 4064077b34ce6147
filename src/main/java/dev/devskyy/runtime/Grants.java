package dev.devskyy.runtime;

import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.OpenDirectory;
import dev.devskyy.net.SpecialAddresses;
import dev.devskyy.net.WebAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one caller may do: permissions, the directory trees the filesystem permissions cover, and
 * the hosts the network permission covers. Nothing is granted unless it is listed here.
 */
public final class Grants {
    public static final Grants NONE = new Grants(Set.of(), List.of(), Set.of());

    private final Set<ToolPermission> permissions;
    private final List<PathWalk.Root> roots;
    private final Set<String> hosts;

    private Grants(Collection<ToolPermission> permissions, Collection<PathWalk.Root> roots, Collection<String> hosts) {
        this.permissions = Collections.unmodifiableSet(
                permissions.isEmpty() ? EnumSet.noneOf(ToolPermission.class) : EnumSet.copyOf(permissions));
        this.roots = List.copyOf(new LinkedHashSet<>(roots));
        this.hosts = Collections.unmodifiableSet(new LinkedHashSet<>(hosts));
    }

    /**
     * Grants with roots resolved to their real paths now, so that a root given through a symlink
     * still contains the files below its target.
     *
     * @throws ToolError E4001 when a root does not exist or is not a directory
     */
    public static Grants of(Collection<ToolPermission> permissions, Collection<Path> roots, Collection<String> hosts) {
        List<PathWalk.Root> real = new ArrayList<>();
        for (Path root : roots) {
            real.add(realDirectory(root));
        }
        Set<String> normalizedHosts =
                hosts.stream().map(WebAddress::normalizeHost).collect(Collectors.toSet());
        return new Grants(permissions, real, normalizedHosts);
    }

    /** The root's real path, and its identity, by which a walk may later start there (see PathWalk). */
    private static PathWalk.Root realDirectory(Path root) {
        try {
            Path real = root.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (!attributes.isDirectory()) {
                throw ToolError.of(ErrorCode.E4001, "granted root is not a directory: " + root);
            }
            return new PathWalk.Root(real, attributes.fileKey());
        } catch (IOException e) {
            throw ToolError.of(ErrorCode.E4001, "granted root does not exist: " + root);
        }
    }

    /** Everything either grant allows. */
    public Grants union(Grants other) {
        Set<ToolPermission> p = EnumSet.noneOf(ToolPermission.class);
        p.addAll(permissions);
        p.addAll(other.permissions);
        List<PathWalk.Root> r = new ArrayList<>(roots);
        r.addAll(other.roots);
        Set<String> h = new LinkedHashSet<>(hosts);
        h.addAll(other.hosts);
        return new Grants(p, r, h);
    }

    /**
     * Only what both grants allow: common permissions and hosts, and the roots of {@code other}
     * that lie inside one of these roots (or these roots inside its, whichever is narrower).
     */
    public Grants intersect(Grants other) {
        Set<ToolPermission> p = EnumSet.noneOf(ToolPermission.class);
        p.addAll(permissions);
        p.retainAll(other.permissions);
        List<PathWalk.Root> r = new ArrayList<>();
        for (PathWalk.Root mine : roots) {
            for (PathWalk.Root theirs : other.roots) {
                if (theirs.path().startsWith(mine.path())) {
                    r.add(theirs);
                } else if (mine.path().startsWith(theirs.path())) {
                    r.add(mine);
                }
            }
        }
        Set<String> h = new LinkedHashSet<>(hosts);
        h.retainAll(other.hosts);
        return new Grants(p, r, h);
    }

    /** These grants with only those of their permissions that {@code allowed} names. */
    public Grants retainingOnly(Set<ToolPermission> allowed) {
        Set<ToolPermission> p = EnumSet.noneOf(ToolPermission.class);
        p.addAll(permissions);
        p.retainAll(allowed);
        return new Grants(p, roots, hosts);
    }

    public Set<ToolPermission> permissions() {
        return permissions;
    }

    public List<Path> roots() {
        return roots.stream().map(PathWalk.Root::path).toList();
    }

    public Set<String> hosts() {
        return hosts;
    }

    /** The permissions of {@code required} that these grants lack, in declaration order. */
    public Set<ToolPermission> missing(Set<ToolPermission> required) {
        Set<ToolPermission> missing = EnumSet.noneOf(ToolPermission.class);
        missing.addAll(required);
        missing.removeAll(permissions);
        return missing;
    }

    /**
     * The entry {@code requested} names, walked from its granted root (or "/") without ever following
     * a link blindly (see {@link PathWalk}), in a directory inside a granted root and held open, so
     * that what is checked here is what the caller then uses.
     *
     * @throws ToolError E4003 when the permission is missing or the path lies outside every root;
     *     E4001 when the path is malformed or a directory on the way is missing
     */
    public DirectoryEntry entry(String requested, ToolPermission permission) {
        return PathWalk.entry(rootsFor(permission, requested), parse(requested));
    }

    /** The directory {@code requested} names, opened as {@link #entry} opens its parent. */
    public OpenDirectory directory(String requested, ToolPermission permission) {
        return PathWalk.directory(rootsFor(permission, requested), parse(requested));
    }

    private List<PathWalk.Root> rootsFor(ToolPermission permission, String requested) {
        requirePermission(permission);
        if (roots.isEmpty()) {
            throw ToolError.of(ErrorCode.E4003, permission.wireName() + " is granted, but no root directory is")
                    .withDetail("path", requested);
        }
        return roots;
    }

    private static Path parse(String requested) {
        try {
            return Path.of(requested);
        } catch (InvalidPathException e) {
            throw ToolError.of(ErrorCode.E4001, "not a valid path (" + e.getReason() + ")");
        }
    }

    /**
     * Checks that {@code host} may be contacted: the network permission and a matching entry
     * ({@code example.com}, or {@code *.example.com} for its subdomains).
     */
    public void requireHost(String host) {
        requirePermission(ToolPermission.NETWORK_OUTBOUND);
        String wanted = WebAddress.normalizeHost(host);
        for (String allowed : hosts) {
            if (allowed.equals(wanted) || (allowed.startsWith("*.") && wanted.endsWith(allowed.substring(1)))) {
                return;
            }
        }
        throw ToolError.of(ErrorCode.E4003, "host is not on the granted list: " + host)
                .withDetail("host", host);
    }

    /**
     * Whether the host list names {@code address} itself, as an IP literal: the only way a
     * loopback, private or link-local address may be reached (a name that resolves there is not
     * enough, or any DNS answer could aim a call at this machine).
     */
    public boolean namesAddress(InetAddress address) {
        for (String allowed : hosts) {
            if (SpecialAddresses.literal(allowed).filter(address::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private void requirePermission(ToolPermission permission) {
        if (!permissions.contains(permission)) {
            throw ToolError.of(ErrorCode.E4003, "missing permission " + permission.wireName())
                    .withDetail("missing", List.of(permission.wireName()));
        }
    }
}
