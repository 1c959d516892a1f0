// The clipper's manifest for both browsers: what Chromium and Firefox each require of a Manifest V3 extension, every
// file it names present, and permissions no wider than loopback. (Chromium loads it in tests/e2e; Firefox cannot be
// driven here, so its rules are checked on the file.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '..', '..', 'clipper');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as Manifest;

interface Manifest {
  manifest_version?: unknown;
  name?: unknown;
  version?: unknown;
  description?: unknown;
  permissions?: unknown;
  host_permissions?: unknown;
  background?: { service_worker?: unknown; scripts?: unknown; type?: unknown; persistent?: unknown };
  action?: { default_popup?: unknown };
  options_ui?: { page?: unknown };
  browser_specific_settings?: { gecko?: { id?: unknown; strict_min_version?: unknown } };
  [key: string]: unknown;
}

/** The permissions the clipper needs; anything more would be a wider reach than sending the current tab to Stacks. */
const ALLOWED_PERMISSIONS = ['activeTab', 'scripting', 'storage'];
const LOOPBACK_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

const exists = (file: unknown): boolean => typeof file === 'string' && fs.existsSync(path.join(DIR, file));

/** Chromium's requirements for a Manifest V3 extension loaded unpacked. */
function chromiumProblems(m: Manifest): string[] {
  const out: string[] = [];
  if (m.manifest_version !== 3) out.push('manifest_version must be 3');
  if (typeof m.name !== 'string' || !m.name) out.push('name is required');
  if (typeof m.version !== 'string' || !/^\d+(\.\d+){0,3}$/.test(m.version))
    out.push('version must be 1 to 4 dot-separated integers');
  if (typeof m.description === 'string' && m.description.length > 132) out.push('description over 132 characters');
  if (!exists(m.background?.service_worker)) out.push('background.service_worker must name a file');
  if (!exists(m.action?.default_popup)) out.push('action.default_popup must name a file');
  if (!exists(m.options_ui?.page)) out.push('options_ui.page must name a file');
  return out;
}

/** Firefox's: an add-on id (MV3 requires one), background scripts (it runs no service worker), and a version that
 * takes both background keys. */
function firefoxProblems(m: Manifest): string[] {
  const out: string[] = [];
  if (m.manifest_version !== 3) out.push('manifest_version must be 3');
  const gecko = m.browser_specific_settings?.gecko;
  const id = gecko?.id;
  if (
    typeof id !== 'string' ||
    !/^([A-Za-z0-9._+-]*@[A-Za-z0-9.-]+|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/.test(
      id,
    )
  )
    out.push('browser_specific_settings.gecko.id must be an email-like id or a {GUID}');
  const scripts = m.background?.scripts;
  if (!Array.isArray(scripts) || scripts.length === 0 || !scripts.every(exists))
    out.push('background.scripts must list files (Firefox runs no background service worker)');
  else if (m.background?.service_worker !== undefined && !scripts.includes(m.background.service_worker))
    out.push('background.scripts must run the same file as the service worker');
  if (m.background?.persistent !== undefined) out.push('background.persistent is not allowed in Manifest V3');
  const min = typeof gecko?.strict_min_version === 'string' ? Number.parseFloat(gecko.strict_min_version) : NaN;
  if (!(min >= 121)) out.push('gecko.strict_min_version must be 121 or later (service_worker beside scripts)');
  return out;
}

/** Both: no permission beyond the clipper's needs, hosts only this computer. */
function reachProblems(m: Manifest): string[] {
  const out: string[] = [];
  const perms = Array.isArray(m.permissions) ? (m.permissions as unknown[]) : [];
  for (const p of perms) if (!ALLOWED_PERMISSIONS.includes(String(p))) out.push(`permission ${String(p)} not needed`);
  const hosts = Array.isArray(m.host_permissions) ? (m.host_permissions as unknown[]) : [];
  for (const h of hosts) if (!LOOPBACK_HOSTS.includes(String(h))) out.push(`host ${String(h)} is not loopback`);
  return out;
}

/** Every script and stylesheet an extension page loads, and every module a script imports, is in the folder. */
function missingFiles(): string[] {
  const out: string[] = [];
  for (const file of fs.readdirSync(DIR)) {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const refs = file.endsWith('.html')
      ? [...text.matchAll(/(?:src|href)="([^"#:]+)"/g)].map((m) => m[1]!)
      : file.endsWith('.js')
        ? [...text.matchAll(/from '(\.\/[^']+)'/g)].map((m) => m[1]!)
        : [];
    for (const ref of refs) if (!exists(ref)) out.push(`${file} -> ${ref}`);
  }
  return out;
}

describe('clipper manifest', () => {
  it('meets what Chromium and Firefox each require, names only files that exist, and reaches only loopback', () => {
    expect(chromiumProblems(MANIFEST)).toEqual([]);
    expect(firefoxProblems(MANIFEST)).toEqual([]);
    expect(reachProblems(MANIFEST)).toEqual([]);
    expect(missingFiles()).toEqual([]);
    expect(MANIFEST.background?.type).toBe('module');
  });

  it('catches a manifest either browser would refuse', () => {
    const without = (change: (m: Manifest) => void): Manifest => {
      const copy = structuredClone(MANIFEST);
      change(copy);
      return copy;
    };
    expect(firefoxProblems(without((m) => delete m.browser_specific_settings))).toContain(
      'browser_specific_settings.gecko.id must be an email-like id or a {GUID}',
    );
    expect(firefoxProblems(without((m) => delete m.background!.scripts))).toContain(
      'background.scripts must list files (Firefox runs no background service worker)',
    );
    expect(firefoxProblems(without((m) => (m.background!.scripts = ['elsewhere.js'])))).toContain(
      'background.scripts must list files (Firefox runs no background service worker)',
    );
    expect(chromiumProblems(without((m) => delete m.background!.service_worker))).toContain(
      'background.service_worker must name a file',
    );
    expect(chromiumProblems(without((m) => (m.version = '1.0-beta')))).toContain(
      'version must be 1 to 4 dot-separated integers',
    );
    expect(reachProblems(without((m) => (m.host_permissions = ['<all_urls>'])))).toEqual([
      'host <all_urls> is not loopback',
    ]);
    expect(reachProblems(without((m) => (m.permissions = ['tabs', 'storage'])))).toEqual([
      'permission tabs not needed',
    ]);
  });
});
