package dev.devskyy.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maven's version order (ComparableVersion): items split at '.', at '-' and where digits meet
 * letters; '-' and such transitions open a sub-list; trailing zeros and release qualifiers do not
 * count; qualifiers order alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; release =
 * ga = final &lt; sp &lt; any other, and a number outranks any qualifier.
 */
final class MavenOrder implements VersionOrder {
    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");

    private sealed interface Item permits Number, Qualifier, Items {}

    private record Number(String digits) implements Item {}

    private record Qualifier(String value) implements Item {}

    private record Items(List<Item> items) implements Item {}

    @Override
    public int compare(String a, String b) {
        return compare(parse(a), parse(b));
    }

    static Items parse(String version) {
        String v = version.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty Maven version");
        }
        Items root = new Items(new ArrayList<>());
        List<Items> opened = new ArrayList<>(List.of(root));
        Items list = root;
        boolean digits = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' || c == '-') {
                list.items().add(i == start ? new Number("0") : item(digits, v.substring(start, i), false));
                start = i + 1;
                if (c == '-') {
                    list = open(list, opened);
                }
            } else if (Character.isDigit(c)) {
                if (!digits && i > start) {
                    list.items().add(item(false, v.substring(start, i), true));
                    start = i;
                    list = open(list, opened);
                }
                digits = true;
            } else {
                if (digits && i > start) {
                    list.items().add(item(true, v.substring(start, i), false));
                    start = i;
                    list = open(list, opened);
                }
                digits = false;
            }
        }
        if (v.length() > start) {
            list.items().add(item(digits, v.substring(start), false));
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            normalize(opened.get(i));
        }
        return root;
    }

    private static Items open(Items parent, List<Items> opened) {
        Items child = new Items(new ArrayList<>());
        parent.items().add(child);
        opened.add(child);
        return child;
    }

    private static Item item(boolean digits, String text, boolean followedByDigit) {
        if (digits) {
            return new Number(text);
        }
        String q = text;
        if (followedByDigit && q.length() == 1) {
            q = switch (q) {
                case "a" -> "alpha";
                case "b" -> "beta";
                case "m" -> "milestone";
                default -> q;
            };
        }
        q = switch (q) {
            case "ga", "final", "release" -> "";
            case "cr" -> "rc";
            default -> q;
        };
        return new Qualifier(q);
    }

    /** Drops trailing items that equal nothing (0, the release qualifier, an empty list). */
    private static void normalize(Items list) {
        List<Item> items = list.items();
        for (int i = items.size() - 1; i >= 0; i--) {
            Item last = items.get(i);
            if (isNull(last)) {
                items.remove(i);
            } else if (!(last instanceof Items)) {
                break;
            }
        }
    }

    private static boolean isNull(Item item) {
        if (item instanceof Number n) {
            return VersionOrder.compareDigits(n.digits(), "0") == 0;
        }
        if (item instanceof Qualifier q) {
            return q.value().isEmpty();
        }
        return ((Items) item).items().isEmpty();
    }

    /** {@code b} may be null: the missing item at the end of a shorter list. */
    private static int compare(Item a, Item b) {
        if (a == null) {
            return b == null ? 0 : -compare(b, null);
        }
        if (a instanceof Number n) {
            if (b == null) {
                return isNull(n) ? 0 : 1;
            }
            return b instanceof Number m ? VersionOrder.compareDigits(n.digits(), m.digits()) : 1;
        }
        if (a instanceof Qualifier q) {
            if (b == null) {
                return rank(q.value()).compareTo(rank(""));
            }
            return b instanceof Qualifier r ? rank(q.value()).compareTo(rank(r.value())) : -1;
        }
        List<Item> items = ((Items) a).items();
        if (b == null) {
            return items.isEmpty() ? 0 : compare(items.get(0), null);
        }
        if (b instanceof Items k) {
            return compareLists(items, k.items());
        }
        return b instanceof Number ? -1 : 1;
    }

    private static int compareLists(List<Item> a, List<Item> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = compare(i < a.size() ? a.get(i) : null, i < b.size() ? b.get(i) : null);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Known qualifiers by their index; others after all of them, among themselves by name. */
    private static String rank(String qualifier) {
        int index = QUALIFIERS.indexOf(qualifier);
        return index >= 0 ? String.valueOf(index) : QUALIFIERS.size() + "-" + qualifier;
    }
}
