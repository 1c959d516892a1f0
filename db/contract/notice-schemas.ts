// One zod schema per shell notice: the page parses what arrives, since a notice crosses processes as text.
import { z } from 'zod';
import type { NoticeName, ShellNotices } from './notices.js';

const count = z.number().int().nonnegative();
const progress = z.object({
  total: count,
  done: count,
  imported: count,
  duplicates: count,
  failed: count,
  currentFile: z.string().nullable(),
  elapsedMs: z.number().nonnegative(),
  etaMs: z.number().nonnegative().nullable(),
});
const outcome = z.object({
  file: z.string(),
  status: z.enum(['imported', 'duplicate', 'failed']),
  id: z.number().int().positive().optional(),
  newVersion: z.boolean().optional(),
  title: z.string().optional(),
  error: z.string().optional(),
});
const report = z.object({
  imported: count,
  duplicates: count,
  failed: count,
  outcomes: z.array(outcome),
  cancelled: z.boolean().optional(),
});
const archiveInfo = z.object({ key: z.string().min(1), path: z.string(), name: z.string() });

const NOTICE_SCHEMAS: { [N in NoticeName]: z.ZodType<unknown> } = {
  'import-started': z.object({ paths: z.array(z.string()) }),
  'import-progress': progress,
  'archive-changed': report.nullable(),
  'focus-search': z.null(),
  'archive-switched': archiveInfo,
  'archive-unavailable': z.object({ path: z.string(), name: z.string(), message: z.string() }),
};

/** The payload of a notice event's JSON detail, or undefined when it is not what the contract says. */
export function parseNotice<N extends NoticeName>(name: N, detail: unknown): ShellNotices[N] | undefined {
  if (typeof detail !== 'string') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(detail);
  } catch {
    return undefined;
  }
  const parsed = NOTICE_SCHEMAS[name].safeParse(raw);
  return parsed.success ? (parsed.data as ShellNotices[N]) : undefined;
}
