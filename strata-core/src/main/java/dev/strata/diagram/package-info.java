/**
 * Entity-relationship diagrams of a schema model, in the spirit of seed 000 Appendix B: tables with
 * their columns (type, primary and foreign key marks) and one line per foreign key. {@link
 * dev.strata.diagram.ErDiagram} extracts what a diagram shows; {@link dev.strata.diagram.MermaidRenderer}
 * writes Mermaid {@code erDiagram} text and {@link dev.strata.diagram.SvgRenderer} a self-contained SVG
 * with a simple grid layout. Pure and deterministic: the same model gives byte-identical output.
 */
package dev.strata.diagram;
