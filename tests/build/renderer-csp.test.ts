// The built app page carries in its meta tag the same CSP the transports send as a header (one source).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, APP_CSP_META } from '../../db/transport/headers.js';

const BUILT = path.resolve(__dirname, '../../dist/renderer/index.html');

describe('the app page CSP', () => {
  it('is the header policy, less frame-ancestors (which a meta tag cannot carry)', () => {
    expect(fs.existsSync(BUILT), 'dist/renderer is built by `npm test`’s pretest step').toBe(true);
    const html = fs.readFileSync(BUILT, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    expect(meta).toBe(APP_CSP_META);
    const header = APP_CSP.split('; ');
    expect(meta!.split('; ')).toEqual(header.filter((d) => !d.startsWith('frame-ancestors')));
    expect(meta).toContain("script-src 'self'");
    expect(meta).toContain("require-trusted-types-for 'script'");
    expect(html).not.toContain('%STACKS_CSP%');
  });
});
