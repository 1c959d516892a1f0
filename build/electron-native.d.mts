// Types for build/electron-native.mjs (plain ESM so `npm start` runs it with node alone), used by its tests.
export interface ElectronTarget {
  version: string;
  abi: number;
}
export interface StepContext {
  stage: string;
  electron: ElectronTarget;
  platform: string;
  arch: string;
  root: string;
}
export type Step = (ctx: StepContext) => unknown;
export interface PrepareOptions {
  root?: string;
  electron?: ElectronTarget;
  platform?: string;
  arch?: string;
  steps?: { download: Step; build: Step };
  log?: (line: string) => void;
}
export const ROOT: string;
export const BINDING_FILE: string;
export function electronBindingDir(root: string, electronVersion: string, platform?: string, arch?: string): string;
export function installedElectron(root?: string): ElectronTarget;
export function bindingAbi(bytes: Uint8Array): number | null;
export function checkBinding(file: string, abi: number): string | null;
export function prepareElectronBinding(
  options?: PrepareOptions,
): Promise<{ status: 'ready' | 'downloaded' | 'built'; file: string }>;
export function cleanEnv(env?: Record<string, string | undefined>): Record<string, string | undefined>;
export function downloadArgs(ctx: StepContext): string[];
export function buildArgs(ctx: StepContext): string[];
export const defaultSteps: { download: Step; build: Step };
