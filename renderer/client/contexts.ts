// Services handed down the element tree with @lit/context.
import { createContext } from '@lit/context';
import type { ShellClient } from './shell-client.js';
import type { RendererClient } from './types.js';

export const clientContext = createContext<RendererClient>(Symbol('stacks-client'));

/** The desktop shell's commands (archives, native dialogs); null in a browser tab under `stacks serve`. */
export const shellContext = createContext<ShellClient | null>(Symbol('stacks-shell'));

/** The open archive's name (the title bar, the start screen); changes when the desktop app switches archives. */
export const archiveNameContext = createContext<string>(Symbol('stacks-archive-name'));
