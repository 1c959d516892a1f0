// One undo stack for the whole app: every action that offers "Undo" pushes here; Ctrl+Z and the toast's button
// both take the newest, so the first Undo a person reaches is always their last action.

export interface UndoEntry {
  id: number;
  /** What was done, as its toast said it ("Annotation deleted"). */
  message: string;
  run: () => void | Promise<void>;
}

/** At most this many actions are kept: older ones can no longer be undone. */
const DEPTH = 50;

export class UndoStack {
  private entries: UndoEntry[] = [];
  private seq = 0;

  push(message: string, run: UndoEntry['run']): UndoEntry {
    const entry = { id: ++this.seq, message, run };
    this.entries = [...this.entries, entry].slice(-DEPTH);
    return entry;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Takes the entry out (newest when no id) and runs it; null when there is nothing to undo. */
  async undo(id?: number): Promise<UndoEntry | null> {
    const at = id === undefined ? this.entries.length - 1 : this.entries.findIndex((e) => e.id === id);
    const entry = this.entries[at];
    if (!entry) return null;
    this.entries.splice(at, 1);
    await entry.run();
    return entry;
  }
}
