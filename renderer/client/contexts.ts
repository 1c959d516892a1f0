// Services handed down the element tree with @lit/context.
import { createContext } from '@lit/context';
import type { RendererClient } from './types.js';

export const clientContext = createContext<RendererClient>(Symbol('stacks-client'));
