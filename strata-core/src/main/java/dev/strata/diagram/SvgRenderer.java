package dev.strata.diagram;

import dev.strata.model.ObjectName;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained SVG of an {@link ErDiagram}: tables as boxes (name in a header band, then one line
 * per column: key mark, name, type) laid out left to right, top to bottom in a near-square grid in name
 * order, and one line per foreign key from the referencing box to the referenced one, with an arrow at
 * the referenced end (a loop on the right edge for a table referencing itself). Sizes come from text
 * lengths in a monospace font, so the output depends only on the diagram.
 */
public final class SvgRenderer {
    private static final int CHAR = 7;
    private static final int LINE = 16;
    private static final int HEADER = 22;
    private static final int PAD = 8;
    private static final int GAP = 60;
    private static final int MARGIN = 20;

    private SvgRenderer() {
    }

    private record Box(int x, int y, int w, int h) {
        double cx() {
            return x + w / 2.0;
        }

        double cy() {
            return y + h / 2.0;
        }
    }

    public static String render(ErDiagram d) {
        List<ErDiagram.Entity> es = d.entities();
        int n = es.size();
        int cols = Math.max(1, (int) Math.ceil(Math.sqrt(n)));
        int rows = (n + cols - 1) / cols;
        int[] colW = new int[cols];
        int[] rowH = new int[Math.max(rows, 1)];
        int[] w = new int[n];
        int[] h = new int[n];
        for (int i = 0; i < n; i++) {
            ErDiagram.Entity e = es.get(i);
            int chars = label(e.name()).length();
            for (ErDiagram.Attribute a : e.attributes()) {
                chars = Math.max(chars, row(a).length());
            }
            w[i] = Math.max(120, chars * CHAR + 2 * PAD);
            h[i] = HEADER + e.attributes().size() * LINE + PAD;
            colW[i % cols] = Math.max(colW[i % cols], w[i]);
            rowH[i / cols] = Math.max(rowH[i / cols], h[i]);
        }
        Map<ObjectName, Box> boxes = new HashMap<>();
        int y = MARGIN;
        for (int r = 0; r < rows; r++) {
            int x = MARGIN;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                if (i < n) {
                    boxes.put(es.get(i).name(), new Box(x, y, w[i], h[i]));
                }
                x += colW[c] + GAP;
            }
            y += rowH[r] + GAP;
        }
        int width = MARGIN * 2 - (cols > 0 ? GAP : 0);
        for (int c : colW) {
            width += c + GAP;
        }
        int height = MARGIN * 2 - (rows > 0 ? GAP : 0);
        for (int r : rowH) {
            height += r + GAP;
        }
        width = Math.max(width, 2 * MARGIN);
        height = Math.max(height, 2 * MARGIN);

        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"monospace\" font-size=\"12\">\n");
        b.append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/>"
                + "</marker></defs>\n");
        b.append("  <rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"white\"/>\n");
        for (ErDiagram.Relation r : d.relations()) {
            b.append(edge(boxes.get(r.from()), boxes.get(r.to()), r));
        }
        for (ErDiagram.Entity e : es) {
            b.append(box(boxes.get(e.name()), e));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String box(Box bx, ErDiagram.Entity e) {
        StringBuilder b = new StringBuilder();
        b.append("  <g class=\"table\" id=\"").append(xml(MermaidRenderer.id(e.name()))).append("\">\n");
        b.append("    <rect x=\"").append(bx.x()).append("\" y=\"").append(bx.y()).append("\" width=\"").append(bx.w())
                .append("\" height=\"").append(bx.h()).append("\" fill=\"#f8f8ff\" stroke=\"#333\"/>\n");
        b.append("    <rect x=\"").append(bx.x()).append("\" y=\"").append(bx.y()).append("\" width=\"").append(bx.w())
                .append("\" height=\"").append(HEADER).append("\" fill=\"#dde3f0\" stroke=\"#333\"/>\n");
        b.append("    <text x=\"").append(bx.x() + PAD).append("\" y=\"").append(bx.y() + 15)
                .append("\" font-weight=\"bold\">").append(xml(label(e.name()))).append("</text>\n");
        int y = bx.y() + HEADER + 13;
        for (ErDiagram.Attribute a : e.attributes()) {
            b.append("    <text x=\"").append(bx.x() + PAD).append("\" y=\"").append(y).append("\" xml:space=\"preserve\">")
                    .append(xml(row(a))).append("</text>\n");
            y += LINE;
        }
        b.append("  </g>\n");
        return b.toString();
    }

    private static String edge(Box from, Box to, ErDiagram.Relation r) {
        String title = "<title>" + xml(r.name() + ": " + label(r.from()) + " (" + String.join(", ", r.columns())
                + ") references " + label(r.to())) + "</title>";
        String dash = r.mandatory() ? "" : " stroke-dasharray=\"4 3\"";
        if (from.equals(to)) {
            int x = from.x() + from.w();
            int y1 = from.y() + HEADER / 2;
            int y2 = from.y() + HEADER + LINE;
            return "  <path d=\"M " + x + " " + y1 + " C " + (x + 40) + " " + y1 + ", " + (x + 40) + " " + y2 + ", " + x
                    + " " + y2 + "\" fill=\"none\" stroke=\"#555\"" + dash + " marker-end=\"url(#arrow)\">" + title
                    + "</path>\n";
        }
        double[] a = border(from, to.cx() - from.cx(), to.cy() - from.cy());
        double[] z = border(to, from.cx() - to.cx(), from.cy() - to.cy());
        return "  <line x1=\"" + num(a[0]) + "\" y1=\"" + num(a[1]) + "\" x2=\"" + num(z[0]) + "\" y2=\"" + num(z[1])
                + "\" stroke=\"#555\"" + dash + " marker-end=\"url(#arrow)\">" + title + "</line>\n";
    }

    /** Where a ray from the centre of {@code b} in direction (dx, dy) leaves the box. */
    private static double[] border(Box b, double dx, double dy) {
        double tx = dx == 0 ? Double.POSITIVE_INFINITY : (b.w() / 2.0) / Math.abs(dx);
        double ty = dy == 0 ? Double.POSITIVE_INFINITY : (b.h() / 2.0) / Math.abs(dy);
        double t = Math.min(tx, ty);
        return new double[] {b.cx() + dx * t, b.cy() + dy * t};
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String label(ObjectName n) {
        return n.schema().equals("public") ? n.name() : n.toString();
    }

    private static String row(ErDiagram.Attribute a) {
        String mark = a.primaryKey() ? "PK" : a.foreignKey() ? "FK" : a.unique() ? "UK" : "  ";
        return mark + " " + a.name() + " " + a.type() + (a.notNull() && !a.primaryKey() ? " not null" : "");
    }

    private static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '&') {
                b.append("&amp;");
            } else if (c == '<') {
                b.append("&lt;");
            } else if (c == '>') {
                b.append("&gt;");
            } else if (c == '"') {
                b.append("&quot;");
            } else if (c < 0x20 && c != '\t' && c != '\n') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
