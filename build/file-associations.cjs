// The file types the packaged app offers to open (each is imported): only formats the importers accept, as an alternative handler.
// `rank: 'Alternate'` (macOS) keeps Stacks in "Open With" without taking over browsers' and editors' files.
/** @type {import('electron-builder').FileAssociation[]} */
module.exports = [
  { ext: ['html', 'htm', 'xhtml'], name: 'Web page', mimeType: 'text/html', role: 'Viewer', rank: 'Alternate' },
  {
    ext: ['md', 'markdown'],
    name: 'Markdown document',
    mimeType: 'text/markdown',
    role: 'Viewer',
    rank: 'Alternate',
  },
  { ext: ['txt'], name: 'Text clipping', mimeType: 'text/plain', role: 'Viewer', rank: 'Alternate' },
  // Web archives: each page in one becomes an article (`.warc.gz` is registered by its last extension, `gz`, on
  // no platform, so only the plain and WACZ forms are associated).
  { ext: ['warc'], name: 'Web archive (WARC)', mimeType: 'application/warc', role: 'Viewer', rank: 'Alternate' },
  { ext: ['wacz'], name: 'Web archive (WACZ)', mimeType: 'application/wacz', role: 'Viewer', rank: 'Alternate' },
];
