// Browser clipper setting: the app's loopback listener on or off, its port, the pairing code to paste, paired browsers.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { shellContext } from '../client/contexts.js';
import type { ShellClient } from '../client/shell-client.js';
import type { ClipperListenerInfo } from '../../db/contract/clipper.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';

@customElement('st-clipper-view')
export class StClipperView extends LitElement {
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
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    input[type=number], input.code { font: inherit; padding: 6px 8px; border: 1px solid var(--border); border-radius: 8px; background: var(--bg); color: var(--fg); }
    input[type=number] { width: 96px; }
    input.code { flex: 1; min-width: 280px; font-family: var(--mono, monospace); font-size: 13px; }
    .muted { color: var(--muted); font-size: 13px; }
    .error { color: var(--danger); }
    code { font-size: 12.5px; word-break: break-all; }
    ul { margin: 0; padding-left: 20px; }
  `,
  ];

  @consume({ context: shellContext, subscribe: true }) shell: ShellClient | null = null;
  @state() private info: ClipperListenerInfo | null = null;
  @state() private error: string | null = null;
  /** What the last action did, said in the status line. */
  @state() private message = '';
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    if (!this.shell) return;
    try {
      this.info = await this.shell.clipperListener({});
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  /** One shell command at a time; its answer is the new state, and a refusal is shown, not thrown. */
  private async run(action: () => Promise<ClipperListenerInfo>, said: (info: ClipperListenerInfo) => string) {
    this.busy = true;
    this.error = null;
    try {
      this.info = await action();
      this.message = said(this.info);
    } catch (err) {
      this.message = '';
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private toggle(e: Event): void {
    const enabled = (e.target as HTMLInputElement).checked;
    void this.run(
      () => this.shell!.setClipperListener({ enabled }),
      (i) =>
        !i.enabled
          ? 'The browser clipper is off: Stacks no longer listens for it.'
          : i.running
            ? 'The browser clipper is on.'
            : '',
    );
  }

  private applyPort(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#clipper-port')!;
    const port = Number(input.value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      this.error = 'Choose a port from 1024 to 65535, or 0 for any free port.';
      return;
    }
    void this.run(
      () => this.shell!.setClipperListener({ enabled: true, port }),
      (i) => (i.running ? `Listening on port ${i.port}: paste the new pairing code into the clipper.` : ''),
    );
  }

  private newCode(): void {
    void this.run(
      () => this.shell!.newClipperCode({}),
      () => 'A new pairing code: the old one no longer works, so paste this one into each browser again.',
    );
  }

  private async copy(code: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(code);
      this.message = 'Pairing code copied.';
    } catch {
      // No clipboard permission: the field is selected so the person can copy it themselves.
      this.renderRoot.querySelector<HTMLInputElement>('#clipper-code')?.select();
      this.message = 'Select the code and copy it.';
    }
  }

  private renderServe() {
    return html`<p class="lead">This page is served by <code>stacks serve</code>. To pair the clipper with it, run
      <code>stacks clipper pair --origin ORIGIN</code> with the origin shown in the clipper's options, then paste the
      address and key it prints. In the desktop app, this page turns on a listener and shows a pairing code instead.</p>`;
  }

  private renderSetting(i: ClipperListenerInfo) {
    return html`
      <fieldset>
        <legend>Browser clipper</legend>
        <label class="choice"><input id="clipper-enabled" type="checkbox" .checked=${i.enabled} ?disabled=${this.busy}
          @change=${this.toggle}> Let the Stacks clipper in my browsers send pages to this app</label>
        <span class="muted">Off by default. When on, Stacks listens on 127.0.0.1 (this computer only) and takes pages
          from paired clippers only; nothing else is served there.</span>
        ${
          i.enabled
            ? html`<span class="row"><label for="clipper-port">Port</label>
              <input id="clipper-port" type="number" min="0" max="65535" step="1" .value=${String(i.port)}>
              <button class="btn" ?disabled=${this.busy} @click=${() => this.applyPort()}>Use this port</button>
              <span class="muted">0 picks a free port, kept from then on.</span></span>`
            : nothing
        }
      </fieldset>
      ${
        i.pairingCode
          ? html`<fieldset>
        <legend>Pairing code</legend>
        <span class="muted">Paste this into the clipper's popup or options (it holds the port and the clipper's key;
          treat it like a password).</span>
        <span class="row">
          <input id="clipper-code" class="code" readonly aria-label="Pairing code" .value=${i.pairingCode}
            @focus=${(e: Event) => (e.target as HTMLInputElement).select()}>
          <button class="btn primary" @click=${() => void this.copy(i.pairingCode!)}>Copy</button>
          <button class="btn" ?disabled=${this.busy} @click=${() => this.newCode()}>New code</button>
        </span>
        <span class="muted">Listening at <code>${i.url}</code>.</span>
        <section aria-label="Paired browsers">
          ${
            i.origins.length
              ? html`<span class="muted">Paired browsers (extension origins):</span>
                <ul>${i.origins.map((o) => html`<li><code>${o}</code></li>`)}</ul>`
              : html`<span class="muted">No browser paired with this code yet.</span>`
          }
        </section>
      </fieldset>`
          : nothing
      }
      ${i.error ? html`<p class="error" role="alert">${icon('alert', 16)} ${i.error}</p>` : nothing}`;
  }

  override render() {
    return html`<div class="wrap">
      <h1>Browser clipper</h1>
      <p class="lead">The Stacks clipper (a browser extension) sends the page you are reading, your selection and tags
        to this archive, with the images your browser already has. It talks only to Stacks on this computer.</p>
      ${
        !this.shell
          ? this.renderServe()
          : this.info
            ? this.renderSetting(this.info)
            : this.error
              ? nothing
              : html`<p class="muted">Loading…</p>`
      }
      <span role="status" class="muted">${this.message}</span>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-clipper-view': StClipperView;
  }
}
