#!/usr/bin/env node
// The `stacks` command: loads the TypeScript CLI through tsx so a fresh checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../db/cli/main.ts');
