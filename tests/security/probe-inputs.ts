// Hostile inputs for every contract method, derived from its zod schema: wrong types, out-of-range values, path-like strings.
import { z } from 'zod';
import type { ArchiveMethod } from '../../db/contract/api.js';
import { INPUT_SCHEMAS } from '../../db/contract/schemas.js';

/** One probe input and whether the edge must refuse it (path-like inputs may pass: they must only never leak). */
export interface ProbeInput {
  kind: 'wrong-type' | 'out-of-range' | 'path-like' | 'unknown-field';
  label: string;
  input: unknown;
  mustRefuse: boolean;
}

type Json = {
  type?: string;
  properties?: Record<string, Json>;
  additionalProperties?: boolean;
  items?: Json;
  anyOf?: Json[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

/** The method's input shape as JSON Schema (what a caller sends, before zod's transforms). */
export function jsonSchemaOf(method: ArchiveMethod): Json {
  return z.toJSONSchema(INPUT_SCHEMAS[method], { io: 'input', unrepresentable: 'any' }) as Json;
}

const clone = <T>(v: T): T => structuredClone(v);

/** A copy of `base` with the value at `path` replaced, creating missing parent objects on the way. */
function withValue(base: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const root = clone(base) as Record<string, unknown>;
  let at = root;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
  return root;
}

function valueAt(base: unknown, path: string[]): unknown {
  let at = base;
  for (const key of path) at = (at as Record<string, unknown> | undefined)?.[key];
  return at;
}

/** A value the schema accepts, for filling arrays up to their length limit. */
function validItem(schema: Json, sample: unknown): unknown {
  if (sample !== undefined) return sample;
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  return 'x';
}

/** Every refusal-worthy variant of one field (and of the field's items when it is a list). */
function fieldProbes(schema: Json, base: unknown, path: string[], out: ProbeInput[]): void {
  const s = schema.anyOf ? (schema.anyOf.find((b) => b.type !== 'null') ?? schema) : schema;
  const name = path.join('.') || '(input)';
  const add = (kind: ProbeInput['kind'], label: string, value: unknown) =>
    out.push({ kind, label: `${name}: ${label}`, input: withValue(base, path, value), mustRefuse: true });

  switch (s.type) {
    case 'string':
      add('wrong-type', 'number instead of text', 12345);
      add('wrong-type', 'object instead of text', { toString: 'x' });
      if (s.maxLength !== undefined) add('out-of-range', `${s.maxLength + 1} characters`, 'x'.repeat(s.maxLength + 1));
      if ((s.minLength ?? 0) > 0) add('out-of-range', 'empty text', '');
      if (s.pattern) add('out-of-range', 'text outside its pattern', '!!<>');
      if (s.enum) add('out-of-range', 'not one of the choices', 'not-a-choice');
      break;
    case 'integer':
    case 'number':
      add('wrong-type', 'text instead of a number', '12');
      add('wrong-type', 'list instead of a number', [1]);
      if (s.type === 'integer') add('out-of-range', 'a fraction', 1.5);
      if (s.minimum !== undefined) add('out-of-range', 'below the minimum', s.minimum - 1);
      if (s.exclusiveMinimum !== undefined) add('out-of-range', 'at the exclusive minimum', s.exclusiveMinimum);
      if (s.maximum !== undefined)
        add('out-of-range', 'above the maximum', s.maximum >= Number.MAX_SAFE_INTEGER ? 2 ** 53 + 2 : s.maximum + 1);
      break;
    case 'boolean':
      add('wrong-type', 'text instead of true/false', 'true');
      add('wrong-type', 'number instead of true/false', 1);
      break;
    case 'array': {
      add('wrong-type', 'text instead of a list', 'x');
      const current = valueAt(base, path) as unknown[] | undefined;
      const item = validItem(s.items ?? {}, current?.[0]);
      if (s.maxItems !== undefined)
        add(
          'out-of-range',
          `${s.maxItems + 1} items`,
          Array.from({ length: s.maxItems + 1 }, () => item),
        );
      if ((s.minItems ?? 0) > 0) add('out-of-range', 'an empty list', []);
      if (s.items) fieldProbes(s.items, withValue(base, path, [item]), [...path, '0'], out);
      break;
    }
    case 'object':
      if (path.length > 0) add('wrong-type', 'text instead of an object', 'x');
      if (s.additionalProperties === false)
        out.push({
          kind: 'unknown-field',
          label: `${name}: an unknown field`,
          input: withValue(base, [...path, 'zzUnknown'], 1),
          mustRefuse: true,
        });
      for (const [key, child] of Object.entries(s.properties ?? {})) fieldProbes(child, base, [...path, key], out);
      break;
  }
}

/** Every string field of the schema (present in `base` or optional), for path-like values. */
function stringPaths(schema: Json, path: string[] = []): string[][] {
  const s = schema.anyOf ? (schema.anyOf.find((b) => b.type !== 'null') ?? schema) : schema;
  if (s.type === 'string') return [path];
  if (s.type === 'array' && s.items) return stringPaths(s.items, [...path, '0']);
  if (s.type === 'object')
    return Object.entries(s.properties ?? {}).flatMap(([k, child]) => stringPaths(child, [...path, k]));
  return [];
}

/** Whole-input shapes that are not the method's object at all. */
const NOT_AN_OBJECT: Array<[string, unknown]> = [
  ['a number', 42],
  ['a text', '/etc/passwd'],
  ['a list', [{}]],
  ['true', true],
];

export function probeInputs(method: ArchiveMethod, base: unknown, pathLike: readonly string[]): ProbeInput[] {
  const schema = jsonSchemaOf(method);
  const out: ProbeInput[] = [];
  for (const [label, input] of NOT_AN_OBJECT)
    out.push({ kind: 'wrong-type', label: `(input): ${label}`, input, mustRefuse: true });
  fieldProbes(schema, base, [], out);
  // Fields that would name a file or folder: not part of any method, so refused wherever they are added.
  for (const field of ['paths', 'path', 'file', 'filePath', 'folder', 'dir'])
    out.push({
      kind: 'path-like',
      label: `(input): extra field "${field}"`,
      input: withValue(base, [field], field === 'paths' ? [pathLike[0]] : pathLike[0]),
      mustRefuse: true,
    });
  // Every text field holding a path: may be accepted as text (a tag may be called "/etc/passwd"), but no file is read.
  for (const p of stringPaths(schema)) {
    const current = valueAt(base, p.slice(0, -1));
    const container = p.at(-1) === '0' && !Array.isArray(current) ? withValue(base, p.slice(0, -1), []) : base;
    for (const value of pathLike)
      out.push({
        kind: 'path-like',
        label: `${p.join('.')}: ${value}`,
        input: withValue(container, p, value),
        mustRefuse: false,
      });
  }
  return out;
}
