package dev.earshot.listener.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlNormaliserTest {

    private final HtmlNormaliser normaliser = new HtmlNormaliser();

    @Test
    void decodesEntitiesIncludingHackerNewsHexOnes() {
        assertEquals("It's a/b & <c> \"d\"",
                normaliser.toPlainText("It&#x27;s a&#x2F;b &amp; &lt;c&gt; &quot;d&quot;"));
    }

    @Test
    void paragraphsBecomeLineBreaksAndLinksKeepTheirText() {
        assertEquals("First paragraph.\nSecond with a link here.\nThird",
                normaliser.toPlainText("First paragraph.<p>Second with <a href=\"https:&#x2F;&#x2F;x.y\">a link</a>"
                        + " here.<p>Third"));
    }

    @Test
    void scriptsAndStylesAreDroppedWithTheirContent() {
        assertEquals("Hello world",
                normaliser.toPlainText("Hello <script>alert('x')</script><style>p{}</style>world"));
    }

    @Test
    void whitespaceIsCollapsedAndBlankLinesDropped() {
        assertEquals("a b c\nd", normaliser.toPlainText("  a \n  b\t&nbsp;c <br><br><p></p> d  "));
    }

    @Test
    void controlCharactersAreDroppedOnBothPaths() {
        // no markup: the fast path, which used to keep them
        assertEquals("ok then\nnext", normaliser.toPlainText("ok\u0000 then\u0007\r\nnext\u009f"));
        // markup: numeric references to control characters decode to them
        assertEquals("ok then", normaliser.toPlainText("<p>ok&#1; then\u001b</p>"));
    }

    @Test
    void codeBlocksKeepTheirLines() {
        assertEquals("Try:\nmvn verify\nmvn package",
                normaliser.toPlainText("Try:<p><pre><code>  mvn verify\n  mvn package\n</code></pre>"));
    }

    @Test
    void nullAndBlankAreEmpty() {
        assertEquals("", normaliser.toPlainText(null));
        assertEquals("", normaliser.toPlainText("  "));
    }
}
