package dev.earshot.listener.pipeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import dev.earshot.listener.source.post.PlainText;

/**
 * Turns platform HTML into the plain text of a mention: tags stripped (scripts, styles and embeds with
 * their content), entities decoded, links reduced to their text, block elements and {@code <br>} to
 * line breaks, control characters dropped, whitespace collapsed within each line, blank lines dropped
 * ({@link PlainText#normalise}, on both paths: text without markup is not parsed).
 */
@ApplicationScoped
public class HtmlNormaliser {

    private static final Set<String> BLOCKS = Set.of("p", "br", "div", "pre", "blockquote", "li", "ul", "ol",
            "h1", "h2", "h3", "h4", "h5", "h6", "tr", "hr");

    /** Plain text and the http(s) links of a piece of HTML, from one parse. */
    public record Normalised(String text, List<String> links) {
    }

    /** The plain text and links of {@code html} (see {@link #toPlainText} and {@link #links}). */
    public Normalised normalise(String html) {
        if (html == null || html.isBlank()) {
            return new Normalised("", List.of());
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return new Normalised(PlainText.normalise(html), List.of());
        }
        Document document = Jsoup.parseBodyFragment(html);
        return new Normalised(text(document), links(document));
    }

    /** The plain text of {@code html}; empty for null or blank input. */
    public String toPlainText(String html) {
        return normalise(html).text();
    }

    private static String text(Document document) {
        document.select("script, style, noscript, iframe, object, embed, template").remove();
        StringBuilder out = new StringBuilder(256);
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
        return PlainText.normalise(out.toString());
    }

    /** The absolute http(s) targets of the {@code <a href>}s of {@code html}, in order, distinct. */
    public List<String> links(String html) {
        if (html == null || html.isBlank() || !html.contains("href")) {
            return List.of();
        }
        return links(Jsoup.parseBodyFragment(html));
    }

    private static List<String> links(Document document) {
        Set<String> out = new LinkedHashSet<>();
        for (Element anchor : document.select("a[href]")) {
            String href = anchor.attr("href").strip();
            if (isWebLink(href)) {
                out.add(href);
            }
        }
        return List.copyOf(out);
    }

    /** An absolute http or https URL of a sane length. */
    public static boolean isWebLink(String url) {
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return (lower.startsWith("https://") || lower.startsWith("http://")) && lower.length() > 10
                && lower.length() <= 2048 && lower.chars().noneMatch(Character::isWhitespace);
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
