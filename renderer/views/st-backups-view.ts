// Backups: the archive's backups (time, size, where), automatic backups on or off, how many are kept, "Back up now" and "Compact now".
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { BackupInfo, BackupStatus, CompactJob } from '../../db/contract/types.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatBytes, formatCount, formatDateTime, formatNumber } from '../lib/format.js';
import { pollJob } from '../lib/poll-job.js';

@customElement('st-backups-view')
export class StBackupsView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; overflow-y: auto; }
    .wrap { padding: 0 28px 40px; max-width: 820px; display: grid; gap: 18px; }
    h1 { font-size: 22px; margin: 24px 0 0; }
    .lead { margin: 0; color: var(--muted); font-size: 14px; line-height: 1.5; }
    fieldset { border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); padding: 12px 16px 14px; margin: 0; display: grid; gap: 10px; }
    legend { font-weight: 600; padding: 0 6px; }
    label.choice { display: flex; gap: 8px; align-items: center; }
    .keep { display: flex; gap: 8px; align-items: center; }
    input[type=number] { font: inherit; width: 72px; padding: 6px 8px; border: 1px solid var(--border); border-radius: 8px; background: var(--bg); color: var(--fg); }
    .actions { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
    .muted { color: var(--muted); font-size: 13px; }
    .error { color: var(--danger); }
    code { font-size: 12.5px; word-break: break-all; }
    table { width: 100%; border-collapse: collapse; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); overflow: hidden; font-size: 13.5px; }
    th, td { text-align: left; padding: 8px 12px; border-top: 1px solid var(--border); vertical-align: top; }
    thead th { border-top: 0; font-weight: 600; color: var(--muted); font-size: 12.5px; }
    td.size, td.made { white-space: nowrap; font-variant-numeric: tabular-nums; }
    .spinner { display: inline-block; width: 14px; height: 14px; border-radius: 50%; border: 2px solid color-mix(in srgb, currentColor 30%, transparent); border-top-color: currentColor; animation: spin 0.8s linear infinite; vertical-align: -2px; }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @state() private status: BackupStatus | null = null;
  @state() private error: string | null = null;
  /** What the last action did, said in the status line. */
  @state() private message = '';
  @state() private running = false;
  @state() private compacting = false;
  /** What the last compaction did, said beside its button. */
  @state() private compactMessage = '';
  /** The compaction running in the background, while it runs (for Cancel). */
  private compactJob: CompactJob | null = null;
  /** Aborted when the view is left: it stops following the compaction (which goes on). */
  private leaving = new AbortController();

  override connectedCallback(): void {
    super.connectedCallback();
    this.leaving = new AbortController();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.leaving.abort();
  }

  private async load(): Promise<void> {
    try {
      this.status = await this.client.backupStatus({});
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async save(change: { automatic?: boolean; keep?: number }): Promise<void> {
    this.error = null;
    try {
      this.status = await this.client.setBackupSettings(change);
      this.message =
        change.keep !== undefined
          ? `Keeping the newest ${formatCount(this.status.keep, 'automatic backup', 'automatic backups')}.`
          : this.status.automatic
            ? 'Automatic backups are on.'
            : 'Automatic backups are off.';
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private onKeep(e: Event): void {
    const input = e.target as HTMLInputElement;
    const keep = Number(input.value);
    if (!Number.isInteger(keep) || keep < 1 || keep > 100) {
      this.error = 'Keep between 1 and 100 backups.';
      return;
    }
    if (keep !== this.status?.keep) void this.save({ keep });
  }

  private async backUp(): Promise<void> {
    this.running = true;
    this.error = null;
    this.message = 'Backing up the archive…';
    try {
      const made = await this.client.backupNow({});
      this.status = await this.client.backupStatus({});
      this.message = `Backed up: ${made.name} (${formatBytes(made.bytes)}).`;
    } catch (err) {
      this.message = '';
      this.error = `The backup failed: ${(err as Error).message}`;
    } finally {
      this.running = false;
    }
  }

  private async compact(): Promise<void> {
    this.compacting = true;
    this.error = null;
    this.compactMessage = 'Compacting the archive… (it stays usable)';
    try {
      const started = await this.client.startCompact({});
      this.compactJob = started;
      const job = await pollJob(started, () => this.client.compactStatus({ id: started.id }), {
        delay: (attempt) => Math.min(500, 50 * 2 ** attempt),
        onUpdate: (j) => (this.compactMessage = compactProgress(j)),
        signal: this.leaving.signal,
      });
      if (job.state === 'failed') throw new Error(job.error ?? 'it stopped without a report');
      if (job.state !== 'running') this.compactMessage = compactOutcome(job);
    } catch (err) {
      this.compactMessage = '';
      this.error = `Compacting failed: ${(err as Error).message}`;
    } finally {
      this.compacting = false;
      this.compactJob = null;
    }
  }

  private async cancelCompact(): Promise<void> {
    if (this.compactJob) await this.client.cancelCompact({ id: this.compactJob.id });
  }

  private row(b: BackupInfo) {
    return html`<tr>
      <td class="made">${formatDateTime(b.createdAt)}${b.kind === 'before-restore' ? html`<div class="muted">before a restore (kept)</div>` : nothing}</td>
      <td class="size">${formatBytes(b.bytes)}</td>
      <td><code>${b.file}</code></td>
    </tr>`;
  }

  override render() {
    const s = this.status;
    return html`<div class="wrap">
      <h1>Backups</h1>
      <p class="lead">A backup is a consistent copy of the archive made while it stays in use. To restore one, quit the app
        and run <code>stacks restore FILE</code>.</p>
      ${
        s
          ? html`
        <fieldset>
          <legend>Automatic backups</legend>
          <label class="choice"><input type="checkbox" .checked=${s.automatic}
            @change=${(e: Event) => void this.save({ automatic: (e.target as HTMLInputElement).checked })}>
            Back up once a day, when the archive is first changed</label>
          <span class="keep"><label for="keep">Keep the newest</label>
            <input id="keep" type="number" min="1" max="100" step="1" .value=${String(s.keep)} @change=${this.onKeep}>
            <span>automatic backups</span></span>
          <span class="muted">Folder: <code>${s.folder}</code></span>
        </fieldset>
        <div class="actions">
          <button class="btn primary" ?disabled=${this.running} @click=${() => void this.backUp()}>
            ${this.running ? html`<span class="spinner" aria-hidden="true"></span>` : icon('save', 16)} Back up now</button>
          <span role="status" class="muted">${this.message}</span>
        </div>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <fieldset>
          <legend>Disk space</legend>
          <span class="muted">Compacting stores the original bytes and reader view of older articles compressed (they
            stay exactly as received: verify checks them after decompressing) and gives the freed space back to the
            disk. New articles are stored compressed already.</span>
          <div class="actions">
            <button class="btn" ?disabled=${this.compacting} @click=${() => void this.compact()}>
              ${this.compacting ? html`<span class="spinner" aria-hidden="true"></span>` : nothing} Compact now</button>
            ${this.compacting ? html`<button class="btn" @click=${() => void this.cancelCompact()}>Cancel</button>` : nothing}
            <span role="status" class="muted">${this.compactMessage}</span>
          </div>
        </fieldset>
        <section aria-label="Backups">
          ${
            s.backups.length
              ? html`<table>
            <caption class="muted" style="text-align:left;padding:0 0 6px">${formatCount(s.backups.length, 'backup', 'backups')}, newest first</caption>
            <thead><tr><th scope="col">Made</th><th scope="col">Size</th><th scope="col">File</th></tr></thead>
            <tbody>${s.backups.map((b) => this.row(b))}</tbody></table>`
              : html`<p class="muted">No backup yet.</p>`
          }
        </section>`
          : this.error
            ? html`<p class="error" role="alert">${this.error}</p>`
            : html`<p class="muted">Loading…</p>`
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-backups-view': StBackupsView;
  }
}

/** A running compaction in words: how many stored forms it has looked at, or that it gives the space back. */
function compactProgress(job: CompactJob): string {
  const { phase, done, total } = job.progress;
  if (phase === 'vacuum') return 'Giving the freed space back to the disk… (the last step; it cannot be cancelled)';
  return total ? `Compressing stored forms: ${formatNumber(done)} of ${formatNumber(total)}…` : 'Compacting…';
}

/** What a finished (or cancelled) compaction did. */
function compactOutcome(job: CompactJob): string {
  const r = job.report;
  if (!r) return '';
  const compressed = formatCount(r.compressed, 'stored form', 'stored forms');
  if (job.state === 'cancelled') return `Cancelled: ${compressed} compressed so far; Compact now goes on from there.`;
  const saved = Math.max(0, r.bytesBefore - r.bytesAfter);
  return (
    `Compacted: ${formatBytes(r.bytesBefore)} → ${formatBytes(r.bytesAfter)}, ${formatBytes(saved)} reclaimed` +
    ` (${compressed} compressed).`
  );
}
