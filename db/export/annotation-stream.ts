// Writes a W3C Web Annotation collection item by item, so a package's annotations never sit in memory at once.
import { ANNO_CONTEXT, type JsonLdAnnotation } from '../annotations/jsonld-shape.js';

type Write = (text: string) => Promise<void>;

/**
 * The same AnnotationCollection shape `stacks annotations export --format jsonld` writes (and
 * `stacks annotations import` reads); `total` comes last because it is known only at the end.
 */
export class AnnotationCollectionWriter {
  private count = 0;
  private readonly id: string;

  constructor(
    private readonly write: Write,
    private readonly label: string,
    private readonly generatedAt: Date,
  ) {
    this.id = `urn:stacks:export:${generatedAt.toISOString()}`;
  }

  async begin(): Promise<void> {
    const head = {
      '@context': ANNO_CONTEXT,
      id: this.id,
      type: 'AnnotationCollection',
      label: this.label,
      generated: this.generatedAt.toISOString(),
    };
    const page = JSON.stringify({ type: 'AnnotationPage', id: `${this.id}#page1`, startIndex: 0 });
    await this.write(`${JSON.stringify(head).slice(0, -1)},\n"first":${page.slice(0, -1)},"items":[`);
  }

  async add(items: JsonLdAnnotation[]): Promise<void> {
    for (const item of items) {
      await this.write(`${this.count === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`);
      this.count++;
    }
  }

  async end(): Promise<number> {
    await this.write(`\n]},\n"total":${this.count}}\n`);
    return this.count;
  }
}
