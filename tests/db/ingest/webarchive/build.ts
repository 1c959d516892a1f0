// Writes Safari .webarchive files for the tests: a binary plist (written by bplist-creator) in the shape Safari saves.
import bplist from 'bplist-creator';

export interface Resource {
  url: string;
  mimeType: string;
  data: Uint8Array | string;
  /** Safari writes it for text resources (the page, style sheets), never for images. */
  textEncoding?: string;
}

export interface Archive {
  main: Resource;
  subresources?: Resource[];
  frames?: Archive[];
}

function resourceDict(r: Resource): Record<string, unknown> {
  return {
    WebResourceData: Buffer.from(r.data),
    WebResourceURL: r.url,
    WebResourceMIMEType: r.mimeType,
    // Safari stores the frame name ("" for the main frame) and the response; the importer reads neither.
    WebResourceFrameName: '',
    ...(r.textEncoding ? { WebResourceTextEncodingName: r.textEncoding } : {}),
  };
}

function archiveDict(a: Archive): Record<string, unknown> {
  return {
    WebMainResource: resourceDict(a.main),
    ...(a.subresources?.length ? { WebSubresources: a.subresources.map(resourceDict) } : {}),
    ...(a.frames?.length ? { WebSubframeArchives: a.frames.map(archiveDict) } : {}),
  };
}

/** The .webarchive file's bytes. */
export function webarchive(a: Archive): Buffer {
  return bplist(archiveDict(a));
}

/** Any binary plist (for a plist that is not a web archive). */
export function binaryPlist(value: Record<string, unknown>): Buffer {
  return bplist(value);
}

/** Cyrillic text in windows-1251, the encoding Safari names for a page served that way (А-я at 0xC0-0xFF). */
export function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (c === 0x451) return 0xb8;
      if (c === 0x401) return 0xa8;
      if (c === 0xab) return 0xab;
      if (c === 0xbb) return 0xbb;
      if (c === 0xb7) return 0xb7;
      if (c === 0x2014) return 0x97;
      throw new Error(`no windows-1251 byte for ${ch}`);
    }),
  );
}
