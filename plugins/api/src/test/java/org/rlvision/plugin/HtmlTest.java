package org.rlvision.plugin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlTest {
    @Test
    void escapesTheFourCharactersThatBreakTextAndAttributes() {
        assertEquals("a&lt;b&gt; &amp;amp; &quot;c&quot; 'd'", Html.escape("a<b> &amp; \"c\" 'd'"));
        assertEquals("42", Html.escape(42));
    }
}
