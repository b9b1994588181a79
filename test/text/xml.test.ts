import { xmlAttribute, xmlTag, xmlText } from "../../src/text/xml";

describe("src/text/xml: data becomes inert XML 1.0 text", () => {
  test("the five predefined entities", () => {
    expect(xmlText(`a & b < c > d "e" 'f'`)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
    expect(xmlText("]]><!-- <script>")).toBe("]]&gt;&lt;!-- &lt;script&gt;");
  });

  test("characters XML 1.0 cannot carry are removed; tab, LF, CR and everything else stay", () => {
    expect(xmlText("a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\ufffeh\uffffi")).toBe("abcdefghi");
    expect(xmlText("lone \ud800 and \udc00 surrogates, a pair \ud83d\ude00 stays")).toBe("lone  and  surrogates, a pair \ud83d\ude00 stays");
    expect(xmlText("tab\tlf\ncr\r del\u007f c1\u0085 é€")).toBe("tab\tlf\ncr\r del\u007f c1\u0085 é€");
  });

  test("attributes keep tab, LF and CR as character references", () => {
    expect(xmlAttribute('x\t"y"\n\rz')).toBe("x&#9;&quot;y&quot;&#10;&#13;z");
    expect(xmlTag("failure", { type: "AUTH<", message: "a&b", skipped: undefined })).toBe('<failure type="AUTH&lt;" message="a&amp;b">');
    expect(xmlTag("property", { name: "n", value: 1 }, true)).toBe('<property name="n" value="1"/>');
  });
});
