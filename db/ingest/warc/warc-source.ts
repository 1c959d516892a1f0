// A WARC file (plain, or gzip per record) as a source of pages; from disk, or from bytes an API call carried.
import type { ListOptions, Source } from '../source.js';
import { listArchive } from './archive-items.js';
import { bufferStore, fileStore } from './byte-store.js';
import { openScratch, scratchTracker, type ScratchOpener } from './record-index.js';

export function openWarcSource(opts: {
  name: string;
  filePath: string | null;
  bytes?: Uint8Array;
  scratch?: ScratchOpener;
}): Source {
  const store = opts.bytes ? bufferStore(opts.bytes) : fileStore(opts.filePath!);
  const scratch = scratchTracker(opts.scratch ?? openScratch);
  return {
    name: opts.name,
    byteSize: store.size,
    list: (options: ListOptions) =>
      listArchive(
        [{ store, label: '' }],
        {
          name: opts.name,
          filePath: opts.filePath,
          importer: 'warc',
          pageList: null,
          problems: [],
          containerSha256: async (scanned) => scanned[0] ?? '',
          scratch: scratch.open,
        },
        options,
      ),
    close: async () => {
      scratch.closeAll();
      await store.close();
    },
  };
}
