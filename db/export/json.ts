// The JSON export (`stacks-articles` format) of a scope, streamed to a file one article at a time.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { readArticle } from './article-data.js';
import {
  checkCancelled,
  ExportCancelled,
  ProgressReporter,
  publish,
  refuseExisting,
  removeQuietly,
  workFolderFor,
  type ExportResult,
  type ExportRunOptions,
} from './run.js';
import type { ResolvedScope } from './scope.js';
import { HashingFileSink } from './sink.js';

export async function writeArticlesJson(
  db: Database.Database,
  target: string,
  scope: ResolvedScope,
  options: ExportRunOptions = {},
): Promise<ExportResult> {
  refuseExisting(target);
  const work = workFolderFor(target);
  const sink = new HashingFileSink(path.join(work, 'articles.json'));
  const progress = new ProgressReporter(scope.ids.length, options.onProgress);
  let captures = 0;
  try {
    const head = { format: 'stacks-articles', version: 1, exportedAt: (options.now ?? new Date()).toISOString() };
    await sink.write(`${JSON.stringify(head).slice(0, -1)},"articles":[`);
    for (const [i, id] of scope.ids.entries()) {
      checkCancelled(options.signal);
      const { html: _html, text: _text, events: _events, ...meta } = readArticle(db, id);
      captures += meta.captures.length;
      await sink.write(`${i === 0 ? '\n' : ',\n'}${JSON.stringify(meta)}`);
      progress.done++;
      progress.bytes = sink.bytes;
      progress.report('articles', meta.title);
      await progress.tick();
    }
    await sink.write('\n]}\n');
    const { bytes } = await sink.close();
    publish(sink.path, target);
    removeQuietly(work);
    progress.report('done');
    return { path: target, articles: scope.ids.length, captures, assets: 0, annotations: 0, bytes, notes: [] };
  } catch (err) {
    sink.destroy();
    removeQuietly(work);
    if (options.signal?.aborted) throw new ExportCancelled();
    throw err;
  }
}
