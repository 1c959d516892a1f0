// Timeline: articles per month (or per year over a long span) by published or added date, as a bar chart (SVG via
// Lit) whose every column opens the library for that period; undated articles are counted apart.
import { LitElement, css, html, svg, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
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

/** More months than this and the chart counts by year: a bar stays wide enough to see and to click. */
const MAX_MONTHS = 72;

/** Months summed into years (YYYY). */
export function byYear(months: TimelineBucket[]): TimelineBucket[] {
  const years = new Map<string, number>();
  for (const b of months) years.set(b.month.slice(0, 4), (years.get(b.month.slice(0, 4)) ?? 0) + b.count);
  return [...years].map(([month, count]) => ({ month, count }));
}

type DateBy = 'published' | 'added';

@customElement('st-timeline-view')
export class StTimelineView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; overflow-y: auto; }
    .card { margin: 0 28px 28px; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 20px; }
    svg.chart { width: 100%; height: 260px; display: block; }
    .bar { fill: var(--accent); opacity: 0.85; pointer-events: none; }
    /* the whole column is the link: a month with one article is as easy to hit as a full one */
    .hit { fill: transparent; cursor: pointer; }
    .hit:hover, .hit:focus-visible { fill: var(--accent-soft); outline: none; stroke: var(--text); stroke-width: 1.5; }
    .axis { fill: var(--muted); font-size: 11px; font-family: var(--font-ui); }
    .grid { stroke: var(--border); }
    .legend { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
    .controls { display: flex; gap: 8px; align-items: center; padding: 0 28px 14px; flex-wrap: wrap; font-size: 13px; color: var(--muted); }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    td, th { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--border); }
    th { color: var(--muted); font-weight: 600; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ type: Number }) revision = 0;
  /** Which date places an article: its published date (undated ones apart) or the day it was added. */
  @state() private by: DateBy = 'added';

  private readonly data = new Task(this, {
    task: async ([by], { signal }) => {
      const [buckets, undated] = await Promise.all([
        this.client.timeline({ by }, { signal }),
        by === 'published'
          ? this.client.listArticles({ limit: 1, filter: { undated: true } }, { signal }).then((l) => l.total)
          : Promise.resolve(0),
      ]);
      const months = fillMonths(buckets);
      // the range runs from the first article to the last; a long one is shown by year
      return {
        by,
        buckets: months.length > MAX_MONTHS ? byYear(months) : months,
        undated,
        years: months.length > MAX_MONTHS,
      };
    },
    args: () => [this.by, this.revision] as const,
  });

  /**
   * The date the chart on screen counts by: until the other date's counts arrive after a switch, the old chart's
   * labels and links must keep saying what it shows.
   */
  private get shownBy(): DateBy {
    return this.data.value?.by ?? this.by;
  }

  private link(period: string): string {
    return href('library', { month: period, by: this.shownBy });
  }

  private label(period: string, count: number): string {
    const when = period.length === 4 ? period : formatMonth(period);
    return `${when}: ${formatCount(count, 'article', 'articles')} ${this.shownBy === 'published' ? 'published' : 'added'}`;
  }

  private chart(buckets: TimelineBucket[]) {
    const W = 960;
    const H = 260;
    const pad = { l: 36, r: 8, t: 10, b: 28 };
    const max = Math.max(1, ...buckets.map((b) => b.count));
    const step = (W - pad.l - pad.r) / buckets.length;
    const bw = Math.max(4, Math.min(36, step * 0.72));
    const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
    const ticks = [0, Math.round(max / 2), max];
    const labelEvery = Math.max(1, Math.ceil(buckets.length / 12));
    return html`<svg class="chart" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="group" aria-label="Articles per ${buckets[0]?.month.length === 4 ? 'year' : 'month'}">
      ${ticks.map((t) => svg`<line class="grid" x1=${pad.l} x2=${W - pad.r} y1=${y(t)} y2=${y(t)}></line><text class="axis" x=${pad.l - 6} y=${y(t) + 4} text-anchor="end">${t}</text>`)}
      ${buckets.map((b, i) => {
        const x = pad.l + i * step + (step - bw) / 2;
        const label = this.label(b.month, b.count);
        return svg`<g>
          ${
            b.count
              ? svg`<rect class="hit" x=${pad.l + i * step} y=${pad.t} width=${step} height=${H - pad.t - pad.b} tabindex="0" role="link" aria-label=${label}
            @click=${() => navigate(this.link(b.month))} @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') navigate(this.link(b.month));
            }}><title>${label}</title></rect>
            <rect class="bar" x=${x} y=${y(b.count)} width=${bw} height=${Math.max(2, y(0) - y(b.count))} rx="2"></rect>`
              : nothing
          }
          ${i % labelEvery === 0 ? svg`<text class="axis" x=${x + bw / 2} y=${H - 8} text-anchor="middle">${b.month}</text>` : nothing}
        </g>`;
      })}
    </svg>`;
  }

  override render() {
    const v = this.data.value;
    const buckets = v?.buckets ?? [];
    const unit = v?.years ? 'year' : 'month';
    return html`
      <header class="view-header"><h1>Timeline</h1></header>
      <div class="controls" role="radiogroup" aria-label="Place articles by">
        <span>By</span>
        ${(['added', 'published'] as const).map(
          (b) =>
            html`<button class="chip" role="radio" aria-checked=${this.by === b ? 'true' : 'false'} @click=${() => (this.by = b)}>${b === 'published' ? 'Date published' : 'Date added'}</button>`,
        )}
        ${
          v?.undated
            ? html`<a class="chip" href=${href('library', { undated: 1 })}>${formatCount(v.undated, 'article has', 'articles have')} no published date</a>`
            : nothing
        }
      </div>
      ${v && !buckets.length ? html`<div class="empty"><div class="badge">${icon('timeline', 26)}</div><h2>${v.undated ? 'No published dates' : 'No articles yet'}</h2><p>${v.undated ? 'None of your articles says when it was published; see them by the date they were added.' : 'Once you import articles, this shows how your archive grew, month by month.'}</p></div>` : nothing}
      ${
        buckets.length
          ? html`
        <div class="card">
          <p class="legend">Articles per ${unit} by ${this.shownBy === 'published' ? 'the date they were published (articles without one are counted apart)' : 'the date they were added to the archive'}. Click a ${unit} to see its articles in the library.</p>
          ${this.chart(buckets)}
        </div>
        <div class="card">
          <table><caption class="sr-only">Articles per ${unit}</caption><thead><tr><th scope="col">${unit === 'year' ? 'Year' : 'Month'}</th><th scope="col" style="text-align:right">Articles</th></tr></thead>
            <tbody>${[...buckets]
              .reverse()
              .filter((b) => b.count)
              .map(
                (b) =>
                  html`<tr><td><a href=${this.link(b.month)}>${b.month.length === 4 ? b.month : formatMonth(b.month)}</a></td><td class="n">${b.count}</td></tr>`,
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
