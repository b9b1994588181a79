/**
 * XML 1.0 text: the one place XML is written from data. Every value becomes inert character data: the five
 * predefined entities are escaped, and characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates,
 * U+FFFE/U+FFFF; https://www.w3.org/TR/xml/#charsets) are removed, since no escape can represent them.
 */

// eslint-disable-next-line no-control-regex
const NOT_XML_10 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Element content. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_10, "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** An attribute value (for double quotes): as text, with tab, line feed and carriage return as character references, which attribute-value normalization would otherwise turn into spaces. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `<name a="1" b="2">` (or `<name …/>` when `empty`), attributes in the order given; undefined values are left out. */
export function xmlTag(name: string, attributes: Readonly<Record<string, string | number | undefined>>, empty = false): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`)
    .join("");
  return `<${name}${attrs}${empty ? "/>" : ">"}`;
}
