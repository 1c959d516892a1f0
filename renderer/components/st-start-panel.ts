// The first-run choices: which archive (new, open, recent), import something (the formats accepted), or the sample.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { archiveNameContext, clientContext, shellContext } from '../client/contexts.js';
import type { ShellClient } from '../client/shell-client.js';
import type { RendererClient } from '../client/types.js';
import { ArchiveChangedEvent, ToastEvent } from '../events.js';
import { toBase64 } from '../lib/files.js';
import { icon } from '../lib/icons.js';
import { href, navigate } from '../router.js';
import { shared } from '../styles/shared.js';

/** What the importers accept, as a person reads it. */
export const IMPORT_FORMATS = [
  { label: 'Saved web pages', extensions: '.html, .htm, .xhtml' },
  { label: 'Markdown notes', extensions: '.md, .markdown' },
  { label: 'Text clippings', extensions: '.txt' },
] as const;

/** Shipped with the app (renderer/public/samples), so the sample opens with no network. */
const SAMPLE = { url: 'samples/putin-north-korea-visit.txt', fileName: 'putin-north-korea-visit.txt' };

@customElement('st-start-panel')
export class StStartPanel extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 16px; text-align: left; }
    section { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 18px 20px; display: flex; flex-direction: column; gap: 10px; }
    h2, h3 { margin: 0; font-size: 15px; font-weight: 650; display: flex; align-items: center; gap: 8px; }
    p { margin: 0; color: var(--muted); font-size: 13.5px; line-height: 1.5; }
    .current { color: var(--text); font-weight: 600; overflow-wrap: anywhere; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: auto; padding-top: 4px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
    li button { width: 100%; text-align: left; background: transparent; border: 0; border-radius: 6px; padding: 6px 8px; color: var(--text); font: inherit; font-size: 13.5px; cursor: pointer; display: flex; gap: 8px; align-items: baseline; }
    li button:hover:not(:disabled) { background: var(--hover); }
    li button:disabled { color: var(--muted); cursor: default; }
    li .where { color: var(--muted); font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; flex: 1; }
    dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; font-size: 13.5px; }
    dt { color: var(--text); }
    dd { margin: 0; color: var(--muted); font-family: var(--font-mono, monospace); font-size: 12.5px; }
    code { font-size: 12.5px; }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @consume({ context: shellContext }) shell: ShellClient | null = null;
  @consume({ context: archiveNameContext, subscribe: true }) archiveName = '';
  /** 3 under the library's "Your library is empty" heading, 2 in the Start view: headings stay in order. */
  @property({ type: Number }) level: 2 | 3 = 2;
  @state() private openingSample = false;

  private heading(id: string, content: unknown) {
    return this.level === 3 ? html`<h3 id=${id}>${content}</h3>` : html`<h2 id=${id}>${content}</h2>`;
  }

  private readonly recent = new Task(this, {
    task: async () => (this.shell ? this.shell.recentArchives() : []),
    args: () => [this.archiveName],
  });

  private async openSample(): Promise<void> {
    this.openingSample = true;
    try {
      const response = await fetch(SAMPLE.url);
      if (!response.ok) throw new Error(`the sample is missing from this build (${response.status})`);
      const outcome = await this.client.importFile({
        fileName: SAMPLE.fileName,
        dataBase64: await toBase64(await response.blob()),
        mediaType: 'text/plain',
      });
      if (outcome.status === 'failed' || !outcome.id) throw new Error(outcome.error ?? 'it could not be imported');
      this.dispatchEvent(new ArchiveChangedEvent());
      navigate(href('article', {}, outcome.id));
    } catch (err) {
      const message = `The sample article did not open: ${err instanceof Error ? err.message : String(err)}`;
      this.dispatchEvent(new ToastEvent({ message, tone: 'error' }));
    } finally {
      this.openingSample = false;
    }
  }

  private renderArchive() {
    const shell = this.shell;
    const others = (this.recent.value ?? []).filter((r) => r.name !== this.archiveName || !r.available).slice(0, 5);
    return html`<section aria-labelledby="start-archive">
      ${this.heading('start-archive', html`${icon('archive')} Your archive`)}
      <p>Open now: <span class="current">${this.archiveName || '…'}</span></p>
      ${
        shell
          ? html`<p>Keep separate archives per project or client. Each is one file you can back up or move.</p>
            ${
              others.length
                ? html`<ul aria-label="Recent archives">
                ${others.map(
                  (r) => html`<li><button ?disabled=${!r.available} title=${r.path}
                    @click=${() => void shell.openArchive({ path: r.path })}>
                    <span>${r.name}</span><span class="where">${r.available ? r.path : 'not connected'}</span></button></li>`,
                )}</ul>`
                : nothing
            }
            <div class="actions">
              <button class="btn" @click=${() => void shell.newArchive()}>New Archive…</button>
              <button class="btn" @click=${() => void shell.openArchive({})}>Open Archive…</button>
            </div>`
          : html`<p>This tab shows the archive <code>stacks serve</code> opened. To work on another one, start
            <code>stacks serve --archive FILE</code>; the desktop app switches archives from its File menu.</p>`
      }
    </section>`;
  }

  override render() {
    return html`<div class="cards">
      ${this.renderArchive()}
      <section aria-labelledby="start-import">
        ${this.heading('start-import', html`${icon('import')} Import`)}
        <p>Files and whole folders; everything stays on this machine.</p>
        <dl aria-label="Formats Stacks imports">
          ${IMPORT_FORMATS.map((f) => html`<dt>${f.label}</dt><dd>${f.extensions}</dd>`)}
        </dl>
        <div class="actions">
          ${
            this.shell
              ? html`<button class="btn primary" @click=${() => void this.shell?.importFiles()}>${icon('import', 16)} Import Files…</button>
                <a class="btn" href="#/import">Drop files</a>`
              : html`<a class="btn primary" href="#/import">${icon('import', 16)} Import files</a>`
          }
        </div>
      </section>
      <section aria-labelledby="start-sample">
        ${this.heading('start-sample', html`${icon('book')} Try the sample`)}
        <p>A news clipping that comes with Stacks: read it, search it, highlight a passage and add a note.</p>
        <div class="actions">
          <button class="btn" ?disabled=${this.openingSample} @click=${() => void this.openSample()}>
            ${this.openingSample ? 'Opening…' : 'Open the sample article'}</button>
        </div>
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-start-panel': StStartPanel;
  }
}
