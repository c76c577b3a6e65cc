package dev.strata.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A tiny text form of graphs for tests: revisions separated by {@code ;}, each
 * {@code "id <- parent parent dep=x,y label=l1,l2"}. Heads are space-separated ids, {@code -} for none.
 */
final class GraphDsl {
    static final String LIN = "a; b<-a; c<-b; d<-c";
    static final String BR = "a; b<-a; c<-b label=x; c2<-c; d<-b label=y; d2<-d";
    static final String MG = "a; b<-a; c<-b; d<-b; m<-c d; n<-m";
    static final String DEP = "a label=x; b<-a; c label=y; d<-c dep=b";
    static final String TWO = "a; b<-a; p; q<-p";
    static final String PRE = "abc1; abd2<-abc1; xyz9<-abd2";

    private GraphDsl() {
    }

    static String named(String name) {
        switch (name) {
            case "LIN": return LIN;
            case "BR": return BR;
            case "MG": return MG;
            case "DEP": return DEP;
            case "TWO": return TWO;
            case "PRE": return PRE;
            default: return name;
        }
    }

    static List<Revision> revisions(String graph) {
        List<Revision> out = new ArrayList<>();
        for (String line : named(graph).split(";")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.replace("<-", " ").trim().split("\\s+");
            List<RevisionId> parents = new ArrayList<>();
            List<RevisionId> deps = new ArrayList<>();
            Set<String> labels = new LinkedHashSet<>();
            for (String p : Arrays.asList(parts).subList(1, parts.length)) {
                if (p.startsWith("dep=")) {
                    Arrays.stream(p.substring(4).split(",")).map(RevisionId::of).forEach(deps::add);
                } else if (p.startsWith("label=")) {
                    labels.addAll(Arrays.asList(p.substring(6).split(",")));
                } else {
                    parents.add(RevisionId.of(p));
                }
            }
            out.add(new Revision(RevisionId.of(parts[0]), parents, deps, labels, "", parts[0] + ".sql"));
        }
        return out;
    }

    static RevisionGraph graph(String graph) {
        return RevisionGraph.of(revisions(graph));
    }

    static Set<RevisionId> ids(String text) {
        String t = text.trim();
        if (t.equals("-") || t.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(t.split("\\s+")).map(RevisionId::of).collect(Collectors.toCollection(TreeSet::new));
    }

    static String show(Set<RevisionId> ids) {
        return ids.isEmpty() ? "-" : new TreeSet<>(ids).stream().map(RevisionId::value).collect(Collectors.joining(" "));
    }

    static String show(List<Step> steps) {
        if (steps.isEmpty()) {
            return "none";
        }
        return steps.stream().map(s -> (s.direction() == Direction.UP ? "up " : "down ") + s.id())
                .collect(Collectors.joining(", "));
    }
}
