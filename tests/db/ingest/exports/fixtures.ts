// Export files written in the shape each tool documents, for the export import tests (and the CLI and e2e tests).
import yazl from 'yazl';

export const POCKET_HTML = `<!DOCTYPE html>
<html>
	<!--So long and thanks for all the fish-->
	<head>
		<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
		<title>Pocket Export</title>
	</head>
	<body>
		<h1>Unread</h1>
		<ul>
			<li><a href="https://example.com/lighthouse?utm_source=pocket_mylist" time_added="1577880000" tags="sea,history">The lighthouse keeper</a></li>
			<li><a href="https://example.org/%C3%A9t%C3%A9" time_added="1580558400" tags="">Été à Montréal — « les rues »</a></li>
			<li><a href="javascript:alert(1)" time_added="1580558400" tags="">A bookmarklet</a></li>
		</ul>

		<h1>Read Archive</h1>
		<ul>
			<li><a href="https://example.net/tides" time_added="1546300800" tags="sea">Tides &amp; moons</a></li>
		</ul>
	</body>
</html>
`;

/** Pocket's CSV (title,url,time_added,tags,status): tags separated by "|". */
export const POCKET_CSV = [
  'title,url,time_added,tags,status',
  '"Commas, ""quotes"" and a\nline break",https://example.com/commas,1600000000,one|two,unread',
  'Archived one,https://example.com/archived,1600000100,,archive',
  'No url at all,,1600000200,,unread',
  '',
].join('\r\n');

/** Instapaper's CSV with a BOM and the Tags column newer exports add. */
export const INSTAPAPER_CSV =
  '\uFEFFURL,Title,Selection,Folder,Timestamp,Tags\n' +
  'https://example.com/instapaper-a,Первая статья,"The keeper climbed the stairs, every night.",Unread,1650000000,"[""russian"",""reading""]"\n' +
  'https://example.com/instapaper-b,Starred item,,Starred,1650000100,[]\n' +
  'https://example.com/instapaper-c,Archived item,,Archive,1650000200,[]\n' +
  'https://example.com/instapaper-d,In my folder,,Essays,1650000300,[]\n';

/** Readwise Reader's CSV export; a row short of columns (Seen missing). */
export const READER_CSV = [
  'Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen',
  "Reader one,https://example.com/reader-one,01h1,\"['essays', 'longform']\",2023-05-01 12:00:00+00:00,1,archive,True",
  'Reader two,https://example.com/reader-two,01h2,,2023-05-02 12:00:00+00:00,0.25,later',
  'Reader three,https://example.com/reader-three,01h3,,2023-05-03 12:00:00+00:00,0,shortlist,False',
].join('\n');

/** Readwise highlights CSV: a row per highlight, no URL. */
export const HIGHLIGHTS_CSV = [
  'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags',
  '"The sea, as ever, was patient.",Notes from the Coast,A. Writer,B00TEST,My note,blue,favorite,location,120,2022-03-01 10:00:00+00:00,',
  'Second passage of the book,Notes from the Coast,A. Writer,B00TEST,,yellow,,location,240,2022-03-02 10:00:00+00:00,',
  ',Notes from the Coast,A. Writer,B00TEST,,,,,,,',
].join('\n');

export const WALLABAG_TEXT =
  'The harbour master kept a ledger of every ship that entered the bay. In the winter of that year the ledger filled with storms.';

export function wallabagJson(opts: { archived?: number; starred?: number; extraTag?: string } = {}): string {
  return JSON.stringify([
    {
      id: 41,
      title: 'The harbour ledger',
      url: 'https://example.com/harbour',
      is_archived: opts.archived ?? 0,
      is_starred: opts.starred ?? 1,
      content: `<h1>The harbour ledger</h1><p>${WALLABAG_TEXT}</p><p>Second paragraph about gulls and the quay.</p><script>alert(1)</script>`,
      created_at: '2021-06-01T09:00:00+02:00',
      updated_at: '2021-06-02T09:00:00+02:00',
      published_by: ['H. Master'],
      tags: ['maritime', ...(opts.extraTag ? [opts.extraTag] : [])],
      annotations: [
        {
          text: 'Great line',
          quote: 'kept a ledger of every ship',
          ranges: [],
          created_at: '2021-06-03T10:00:00+02:00',
        },
        { text: '', quote: 'This passage is not in the article at all', ranges: [] },
      ],
    },
    {
      id: 42,
      title: 'Fetched nothing',
      url: 'https://example.com/empty',
      is_archived: 1,
      is_starred: 0,
      content: '',
      created_at: '2021-06-04T09:00:00+02:00',
      tags: [],
      annotations: [],
    },
  ]);
}

export const NETSCAPE_BOOKMARKS = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file.
     It will be read and overwritten.
     DO NOT EDIT! -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
    <DT><H3 ADD_DATE="1600000000" LAST_MODIFIED="1600000000" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
    <DL><p>
        <DT><A HREF="https://example.com/top" ADD_DATE="1600000001" TAGS="alpha,beta">Top level</A>
        <DT><H3 ADD_DATE="1600000002">Tech</H3>
        <DL><p>
            <DT><A HREF="https://example.com/js" ADD_DATE="1600000003">JavaScript &amp; you</A>
            <DD>A description of the page
            <DT><A HREF="javascript:void(0)">Bookmarklet</A>
        </DL><p>
        <DT><A HREF="https://example.com/after" ADD_DATE="1600000004">After the folder</A>
    </DL><p>
    <DT><A HREF="https://example.com/js#section" ADD_DATE="1600000005">Same page, other folder</A>
</DL><p>
`;

/** A bookmark file of `n` links across nested folders, written line by line. */
export function bigBookmarks(n: number): string {
  const lines = ['<!DOCTYPE NETSCAPE-Bookmark-file-1>', '<TITLE>Bookmarks</TITLE>', '<H1>Bookmarks</H1>', '<DL><p>'];
  const perFolder = 1000;
  for (let f = 0; f * perFolder < n; f++) {
    lines.push(`<DT><H3>Folder ${f}</H3>`, '<DL><p>', `<DT><H3>Sub ${f}</H3>`, '<DL><p>');
    for (let i = f * perFolder; i < Math.min(n, (f + 1) * perFolder); i++) {
      lines.push(
        `<DT><A HREF="https://site${i % 97}.example/page/${i}" ADD_DATE="${1500000000 + i}">Bookmark number ${i}</A>`,
      );
    }
    lines.push('</DL><p>', '</DL><p>');
  }
  lines.push('</DL><p>');
  return lines.join('\n');
}

export const OMNIVORE_TEXT =
  'Omnivore saved this essay about the long tide tables. The tables were printed each spring and pinned by the door.';

/** An Omnivore export ZIP: metadata_0_to_2.json, content/<slug>.md, highlights/<slug>.md. */
export async function omnivoreZip(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const metadata = [
    {
      id: 'a1b2c3',
      slug: 'tide-tables-18c2',
      title: 'The tide tables',
      description: 'An essay on tides',
      author: 'T. Able',
      url: 'https://example.com/tides-essay',
      state: 'Archived',
      readingProgress: 100,
      thumbnail: null,
      labels: ['tides', 'Newsletters'],
      savedAt: '2024-10-30T12:39:28.023Z',
      updatedAt: '2024-10-31T12:39:28.023Z',
      publishedAt: '2024-10-01T00:00:00.000Z',
    },
    {
      id: 'd4e5f6',
      slug: 'link-only-99aa',
      title: 'Saved but never parsed',
      url: 'https://example.com/never-parsed',
      state: 'Active',
      readingProgress: 0,
      labels: [],
      savedAt: '2024-09-01T00:00:00.000Z',
      updatedAt: '2024-09-01T00:00:00.000Z',
    },
  ];
  zip.addBuffer(Buffer.from(JSON.stringify(metadata)), 'metadata_0_to_2.json');
  zip.addBuffer(
    Buffer.from(`# The tide tables\n\n${OMNIVORE_TEXT}\n\nA second paragraph on the harbour.\n`),
    'content/tide-tables-18c2.md',
  );
  zip.addBuffer(
    Buffer.from(
      '> The tables were printed each spring [⤴️](https://omnivore.app/me/tide-tables-18c2#abc)\n\nPrinted yearly!\n\n> a passage that is not there [⤴️](https://omnivore.app/me/tide-tables-18c2#def)\n',
    ),
    'highlights/tide-tables-18c2.md',
  );
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}
