package dev.earshot.listener.pipeline;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns platform HTML into the plain text of a mention: tags stripped (scripts, styles and embeds with
 * their content), entities decoded, links reduced to their text, block elements and {@code <br>} to
 * line breaks, whitespace collapsed within each line, blank lines dropped.
 */
@ApplicationScoped
public class HtmlNormaliser {

    private static final Set<String> BLOCKS = Set.of("p", "br", "div", "pre", "blockquote", "li", "ul", "ol",
            "h1", "h2", "h3", "h4", "h5", "h6", "tr", "hr");
    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\p{Zs}\\t\\x0B\\f\\r]+");

    /** The plain text of {@code html}; empty for null or blank input. */
    public String toPlainText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document document = Jsoup.parseBodyFragment(html);
        document.select("script, style, noscript, iframe, object, embed, template").remove();
        StringBuilder out = new StringBuilder(html.length());
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    String value = text.getWholeText();
                    out.append(insidePre(text) ? value : value.replace('\n', ' '));
                } else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append('\n');
                }
            }
        }, document.body());
        return out.toString().lines()
                .map(line -> HORIZONTAL_SPACE.matcher(line).replaceAll(" ").strip())
                .filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
    }

    private static boolean insidePre(TextNode text) {
        for (Element parent = text.parentElement(); parent != null; parent = parent.parent()) {
            if ("pre".equals(parent.normalName())) {
                return true;
            }
        }
        return false;
    }
}
