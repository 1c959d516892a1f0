// The machine a run was measured on (date, Node, CPU model and cores, load average, memory), for the report's header.
import os from 'node:os';

export interface MachineInfo {
  date: string;
  node: string;
  cpuModel: string;
  cores: number;
  memoryGb: number;
  /** 1, 5 and 15 minute load averages when the run started, and when it ended. */
  loadAtStart: [number, number, number];
  loadAtEnd?: [number, number, number];
}

const load = (): [number, number, number] =>
  os.loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];

export function machineInfo(): MachineInfo {
  return {
    date: new Date().toISOString(),
    node: process.versions.node,
    cpuModel: (os.cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAtStart: load(),
  };
}

export function withEndLoad(m: MachineInfo): MachineInfo {
  return { ...m, loadAtEnd: load() };
}

/** One line: "2026-12-07 07:50 UTC, Node 20.20.0, Intel Xeon ... x 2 cores, 24 GB, load 1.2 0.6 0.2 (end 1.9 ...)". */
export function machineLine(m: MachineInfo): string {
  const when = `${m.date.slice(0, 10)} ${m.date.slice(11, 16)} UTC`;
  const l = (x: [number, number, number]) => x.join(' ');
  return `${when}, Node ${m.node}, ${m.cpuModel} x ${m.cores} cores, ${m.memoryGb} GB RAM, load average ${l(m.loadAtStart)} at start${m.loadAtEnd ? `, ${l(m.loadAtEnd)} at end` : ''}`;
}
