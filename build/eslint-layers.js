// ESLint rule `stacks/layers`: which layer of the code may import which (after VS Code's code-layering rule).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Each layer and the layers it may import. The core (db/ minus transport, host, server, cli, entry) knows no transport;
 * the transports (HTTP server, CLI, Electron shell) share db/transport and never import each other; only the
 * `stacks` executable's entry composes the CLI with the HTTP server; the renderer holds nothing but the contract.
 */
export const LAYERS = {
  contract: ['contract'],
  core: ['contract', 'core'],
  transport: ['contract', 'core', 'transport'],
  server: ['contract', 'core', 'transport', 'server'],
  cli: ['contract', 'core', 'transport', 'cli'],
  entry: ['contract', 'core', 'transport', 'server', 'cli', 'entry'],
  // The archive host runs the validating dispatcher in worker threads for the desktop shell (never on its main thread).
  host: ['contract', 'core', 'transport', 'host'],
  // The desktop shell may start the HTTP server for the opt-in browser clipper listener; the server never imports it.
  electron: ['contract', 'core', 'transport', 'host', 'server', 'electron'],
  renderer: ['contract', 'renderer'],
};

/** The layer of a file by where it lives, or null for files outside the layered code (tests, bench, build, the renderer's build config). */
export function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const top = /^db\/(contract|transport|host|server|cli|entry)\//.exec(rel);
  if (top) return top[1];
  if (rel.startsWith('db/')) return 'core';
  if (rel.startsWith('electron/')) return 'electron';
  // The renderer's build config runs in Node at build time (it writes the transports' CSP into index.html).
  if (rel === 'renderer/vite.config.ts') return null;
  if (rel.startsWith('renderer/')) return 'renderer';
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforces which layer may import which (db core, transport, server, cli, electron, renderer)',
    },
    schema: [],
    messages: {
      forbidden: '{{from}} code may not import {{to}} code ({{source}}); {{from}} may import: {{allowed}}.',
    },
  },
  create(context) {
    const from = layerOf(context.filename);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return; // packages: other rules watch those
      const to = layerOf(path.resolve(path.dirname(context.filename), source));
      if (!to || LAYERS[from].includes(to)) return;
      context.report({
        node,
        messageId: 'forbidden',
        data: { from, to, source, allowed: LAYERS[from].join(', ') },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { layers: rule } };
