// Section: the desktop UI in Chromium through `stacks serve`: keystroke -> painted results, open article, scroll.
import type { LatencySummary } from './measure.js';

export interface UiFigures {
  articles: number;
  keystrokeToPaint: LatencySummary;
  openArticle: LatencySummary;
  scroll: { ms: number; frames: number; longFrames: number; worstFrameMs: number };
}

export async function benchUi(_archiveFile: string, _queries: string[], _articles: number): Promise<UiFigures | { skipped: string }> {
  return { skipped: 'the renderer and stacks serve have not landed yet' };
}
