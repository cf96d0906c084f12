/**
 * Linux process table from `/proc/<pid>/stat` (proc(5): "pid (comm) state ppid pgrp ..."), shared by
 * the stall watchdog, its test and the benchmarks' CPU readings. The command name may hold spaces
 * and parentheses, so fields are split after the last ')'.
 */
import fs from "node:fs";

/** The leading fields of one process's stat line. */
export interface ProcStat {
  pid: number;
  comm: string;
  /** One letter: R, S, D, Z (zombie), T, … */
  state: string;
  ppid: number;
  pgrp: number;
}

/** The stat of `pid`, or undefined when it does not exist (or has just exited). */
export function procStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const close = stat.lastIndexOf(")");
  const [state, ppid, pgrp] = stat.slice(close + 2).split(" ");
  return { pid, comm: stat.slice(stat.indexOf("(") + 1, close), state: state!, ppid: Number(ppid), pgrp: Number(pgrp) };
}

/** Every live process (throws where there is no `/proc`). */
export function processes(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const p = procStat(Number(entry));
    if (p) out.push(p);
  }
  return out;
}
