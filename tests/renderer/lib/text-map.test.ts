// The renderer's DOM walk must yield exactly the archive's plain text, and map offsets to the right characters.
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, test } from 'vitest';
import { htmlToPlainText } from '../../../db/extract/plain-text.js';
import { buildTextMap, domEnd, domStart, textOffsetOf } from '../../../renderer/lib/text-map.js';

const CASES: Record<string, string> = {
  paragraphs: '<p>First  paragraph\n with   spaces.</p><p>Second <em>one</em>, with <strong>bold</strong> words.</p>',
  headingsAndLists: '<h1>Title</h1><ul><li>one</li><li>two <a href="#">link</a></li></ul><p>after</p>',
  breaks: '<p>line one<br>line two<br><br>line three</p>',
  pre: '<pre>\n  code   keeps\n    spacing\r\n</pre><p>then prose</p>',
  nested: '<div><div><p> deep\u00a0\u00a0text </p></div><blockquote>quoted <b>bold</b></blockquote></div>',
  inlineOnly: 'just <span>inline</span> text <i>here</i>',
  table: '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>',
  imagesAndComments:
    '<p>before <img src="asset:00"> <!-- hidden --> after</p><figure><img src="x"><figcaption>cap</figcaption></figure>',
  emptyBlocks: '<p></p><p>   </p><div><p>only</p></div><p>\n</p>',
};

function render(html: string) {
  const { document } = parseHTML(`<!doctype html><html><body><div id="root">${html}</div></body></html>`);
  return document.getElementById('root') as unknown as HTMLElement;
}

beforeAll(() => {
  // text-map reads Node.TEXT_NODE etc. like a browser; linkedom provides the same constants
  const { Node } = parseHTML('<!doctype html><html></html>');
  (globalThis as unknown as { Node: unknown }).Node = Node;
});

describe('buildTextMap', () => {
  for (const [name, html] of Object.entries(CASES)) {
    test(`yields the archive's plain text: ${name}`, () => {
      const map = buildTextMap(render(html));
      expect(map.text).toBe(htmlToPlainText(html));
      expect(map.nodes).toHaveLength(map.text.length);
    });
  }

  test('every sourced character maps back to the same character in its DOM text node', () => {
    for (const html of Object.values(CASES)) {
      const map = buildTextMap(render(html));
      map.nodes.forEach((node, i) => {
        if (!node) return;
        const ch = node.data[map.offsets[i]!]!;
        const expected = map.text[i]!;
        if (/\s/.test(expected)) expect(ch).toMatch(/[\s\u00a0]/);
        else expect(ch).toBe(expected);
      });
    }
  });

  test('a passage maps to DOM points and back to the same offsets', () => {
    const root = render(CASES.paragraphs!);
    const map = buildTextMap(root);
    const start = map.text.indexOf('one');
    const end = start + 'one, with bold'.length;
    const a = domStart(map, start)!;
    const b = domEnd(map, end)!;
    expect(a.node.data.slice(a.offset)).toBe('one');
    expect(b.node.data.slice(0, b.offset)).toBe('bold');
    expect(textOffsetOf(map, a.node, a.offset)).toBe(start);
    expect(textOffsetOf(map, b.node, b.offset)).toBe(end);
  });

  test('offsets inside collapsed whitespace resolve to the next emitted character', () => {
    const root = render('<p>a    b</p>');
    const map = buildTextMap(root);
    expect(map.text).toBe('a b');
    const node = map.nodes[0]!;
    expect(textOffsetOf(map, node, 3)).toBe(2); // the 3rd space sits before "b"
  });
});
