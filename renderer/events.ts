// Typed intent events that bubble up from views to the app shell (data flows down as properties).

export interface ToastDetail {
  message: string;
  /** Optional action button, e.g. "Undo". */
  action?: { label: string; run: () => void | Promise<void> };
  tone?: 'info' | 'error';
}

export class ToastEvent extends CustomEvent<ToastDetail> {
  static readonly type = 'st-toast';
  constructor(detail: ToastDetail) {
    super(ToastEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** Something in the archive changed (import, tag, trash...): the sidebar and lists refresh their counts. */
export class ArchiveChangedEvent extends Event {
  static readonly type = 'st-archive-changed';
  constructor() {
    super(ArchiveChangedEvent.type, { bubbles: true, composed: true });
  }
}

/** A link that leaves the offline archive was clicked: the app shell asks before opening it outside Stacks. */
export class OpenExternalEvent extends CustomEvent<{ url: string }> {
  static readonly type = 'st-open-external';
  constructor(url: string) {
    super(OpenExternalEvent.type, { detail: { url }, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'st-open-external': OpenExternalEvent;
    'st-toast': ToastEvent;
    'st-archive-changed': ArchiveChangedEvent;
  }
}
