// Global listeners (keyboard, selection, page hide) held for exactly as long as their element is connected: the one
// pattern every view uses instead of its own pair of addEventListener/removeEventListener calls.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

class ListenerController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => EventTarget,
    private readonly type: string,
    private readonly listener: (e: Event) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.target().addEventListener(this.type, this.listener);
  }

  hostDisconnected(): void {
    this.target().removeEventListener(this.type, this.listener);
  }
}

/** Listens on `window` while `host` is connected. */
export function onWindow<K extends keyof WindowEventMap>(
  host: ReactiveControllerHost,
  type: K,
  listener: (e: WindowEventMap[K]) => void,
): ReactiveController {
  return new ListenerController(host, () => window, type, listener as (e: Event) => void);
}

/** Listens on `document` while `host` is connected. */
export function onDocument<K extends keyof DocumentEventMap>(
  host: ReactiveControllerHost,
  type: K,
  listener: (e: DocumentEventMap[K]) => void,
): ReactiveController {
  return new ListenerController(host, () => document, type, listener as (e: Event) => void);
}

/** The view's keyboard handler, active while the view is on screen. */
export function onKeydown(host: ReactiveControllerHost, listener: (e: KeyboardEvent) => void): ReactiveController {
  return onWindow(host, 'keydown', listener);
}
