// Timeline: articles per month as a bar chart (SVG via Lit); clicking a bar opens the library for that month.
import { LitElement, css, html, svg, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { TimelineBucket } from '../../db/contract/types.js';
import { href, navigate } from '../router.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatCount, formatMonth } from '../lib/format.js';

/** Fills months with no articles, so the time axis is even. */
export function fillMonths(buckets: TimelineBucket[]): TimelineBucket[] {
  if (!buckets.length) return [];
  const sorted = [...buckets].sort((a, b) => a.month.localeCompare(b.month));
  const byMonth = new Map(sorted.map((b) => [b.month, b.count]));
  const out: TimelineBucket[] = [];
  let [y, m] = sorted[0]!.month.split('-').map(Number) as [number, number];
  const last = sorted[sorted.length - 1]!.month;
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month, count: byMonth.get(month) ?? 0 });
    if (month >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

@customElement('st-timeline-view')
export class StTimelineView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; overflow-y: auto; }
    .card { margin: 0 28px 28px; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 20px; }
    svg.chart { width: 100%; height: 260px; display: block; }
    .bar { fill: var(--accent); opacity: 0.85; cursor: pointer; }
    .bar:hover, .bar:focus-visible { opacity: 1; outline: none; stroke: var(--text); stroke-width: 1.5; }
    .axis { fill: var(--muted); font-size: 11px; font-family: var(--font-ui); }
    .grid { stroke: var(--border); }
    .legend { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    td, th { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--border); }
    th { color: var(--muted); font-weight: 600; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ type: Number }) revision = 0;

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => fillMonths(await this.client.timeline({}, { signal })),
    args: () => [this.revision],
  });

  private chart(buckets: TimelineBucket[]) {
    const W = 960;
    const H = 260;
    const pad = { l: 36, r: 8, t: 10, b: 28 };
    const max = Math.max(1, ...buckets.map((b) => b.count));
    const step = (W - pad.l - pad.r) / buckets.length;
    const bw = Math.max(2, Math.min(36, step * 0.72));
    const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
    const ticks = [0, Math.round(max / 2), max];
    const labelEvery = Math.max(1, Math.ceil(buckets.length / 12));
    return html`<svg class="chart" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="group" aria-label="Articles per month">
      ${ticks.map((t) => svg`<line class="grid" x1=${pad.l} x2=${W - pad.r} y1=${y(t)} y2=${y(t)}></line><text class="axis" x=${pad.l - 6} y=${y(t) + 4} text-anchor="end">${t}</text>`)}
      ${buckets.map((b, i) => {
        const x = pad.l + i * step + (step - bw) / 2;
        const label = `${formatMonth(b.month)}: ${formatCount(b.count, 'article', 'articles')}`;
        return svg`<g>
          ${
            b.count
              ? svg`<rect class="bar" x=${x} y=${y(b.count)} width=${bw} height=${Math.max(1, y(0) - y(b.count))} rx="2" tabindex="0" role="link" aria-label=${label}
            @click=${() => navigate(href('library', { month: b.month }))} @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') navigate(href('library', { month: b.month }));
            }}><title>${label}</title></rect>`
              : nothing
          }
          ${i % labelEvery === 0 ? svg`<text class="axis" x=${x + bw / 2} y=${H - 8} text-anchor="middle">${b.month}</text>` : nothing}
        </g>`;
      })}
    </svg>`;
  }

  override render() {
    const buckets = this.data.value ?? [];
    return html`
      <header class="view-header"><h1>Timeline</h1></header>
      ${this.data.value && !buckets.length ? html`<div class="empty"><div class="badge">${icon('timeline', 26)}</div><h2>No articles yet</h2><p>Once you import articles, this shows how your archive grew, month by month.</p></div>` : nothing}
      ${
        buckets.length
          ? html`
        <div class="card">
          <p class="legend">Articles per month (by publication date when known, else date added). Click a bar to see that month in the library.</p>
          ${this.chart(buckets)}
        </div>
        <div class="card">
          <table><caption class="sr-only">Articles per month</caption><thead><tr><th scope="col">Month</th><th scope="col" style="text-align:right">Articles</th></tr></thead>
            <tbody>${[...buckets]
              .reverse()
              .filter((b) => b.count)
              .map(
                (b) =>
                  html`<tr><td><a href=${href('library', { month: b.month })}>${formatMonth(b.month)}</a></td><td class="n">${b.count}</td></tr>`,
              )}</tbody></table>
        </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-timeline-view': StTimelineView;
  }
}
