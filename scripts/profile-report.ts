/**
 * What the profiling tools share (tools, not tests): the shapes of a V8 CPU profile and of
 * Chromium's trace events, and the report of a trace's main-thread work.
 */

export interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  ts: number;
  args?: {
    name?: string;
    data?: { functionName?: string; type?: string; url?: string; timerId?: number };
  };
}

/** The browser's own work on the main thread (self time per event name), per keystroke. */
export function traceReport(trace: { traceEvents: TraceEvent[] }, per: number) {
  const events = trace.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mainEvents = events.filter(
    (e) => e.ph === 'X' && main && e.tid === main.tid && e.pid === main.pid && e.dur !== undefined,
  );
  const sum = new Map<string, number>();
  mainEvents.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack: { e: TraceEvent; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack.at(-1)!.e.ts + (stack.at(-1)!.e.dur ?? 0) <= upTo) {
      const top = stack.pop()!;
      const self = (top.e.dur ?? 0) - top.child;
      sum.set(top.e.name, (sum.get(top.e.name) ?? 0) + self / 1000);
      if (stack.length) stack.at(-1)!.child += top.e.dur ?? 0;
    }
  };
  for (const e of mainEvents) {
    close(e.ts);
    stack.push({ e, child: 0 });
  }
  close(Infinity);
  console.log('--- trace (main thread, self ms per key)');
  for (const [name, ms] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(ms / per).toFixed(2).padStart(9)}  ${name}`);
  const long = mainEvents.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 20000);
  console.log(
    `--- tasks over 20 ms: ${long.map((e) => ((e.dur ?? 0) / 1000).toFixed(0)).join(', ')}`,
  );
  // What each of those tasks did: the events inside it, by their own (self) time.
  const t0 = mainEvents[0]?.ts ?? 0;
  for (const task of long) {
    const end = task.ts + (task.dur ?? 0);
    const inside = mainEvents.filter((e) => e !== task && e.ts >= task.ts && e.ts < end);
    const own = new Map<string, number>();
    const open: { e: TraceEvent; child: number }[] = [];
    const shut = (upTo: number) => {
      while (open.length && open.at(-1)!.e.ts + (open.at(-1)!.e.dur ?? 0) <= upTo) {
        const top = open.pop()!;
        const label =
          top.e.name +
          (top.e.args?.data?.functionName ? ` ${top.e.args.data.functionName}` : '') +
          (top.e.args?.data?.type ? ` (${top.e.args.data.type})` : '');
        own.set(label, (own.get(label) ?? 0) + ((top.e.dur ?? 0) - top.child) / 1000);
        if (open.length) open.at(-1)!.child += top.e.dur ?? 0;
      }
    };
    for (const e of inside) {
      shut(e.ts);
      open.push({ e, child: 0 });
    }
    shut(Infinity);
    const top = [...own].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(
      `    task at ${((task.ts - t0) / 1000).toFixed(0)} ms, ${((task.dur ?? 0) / 1000).toFixed(0)} ms: ${top.map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ')}`,
    );
  }
}
