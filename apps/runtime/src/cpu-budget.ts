// A per-reconcile CPU budget (issue 12, finding 5): planning a reconcile is synchronous (templates,
// conditions, building the children), so one custom resource whose planning runs away would hold
// the event loop: probes, lease renewals and every other CR wait (a backtracking regex held it
// 13.9 s). Conditions run on RE2 and templates bound their own work, but the sum over a CR is not
// bounded by either. Node's vm timeout is the one way to stop synchronous JavaScript from inside
// the process: a watchdog thread terminates whatever runs past the limit, irregexp included, and
// the call throws. The plan is pure data built from scratch, so stopping it half-way leaves
// nothing half-written. The limit is wall time of the synchronous call: on a loaded machine a
// descheduled thread counts too, which is why the default leaves a wide margin (config.ts).
// Cost: ~0.13 ms of CPU per call for the watchdog thread.
import { createContext, Script } from 'node:vm';

/** What a budgeted call gives: its value, or that it ran out of time (and was stopped). */
export type Budgeted<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly budgetMs: number };

/** Runs one synchronous task under a time limit. */
export type RunWithBudget = <T>(task: () => T) => Budgeted<T>;

// One context and one compiled script for the whole process: only the task changes per call.
const context = createContext({ task: undefined as (() => unknown) | undefined });
const script = new Script('task()', { filename: 'ork-reconcile-budget' });

/** A runner that stops any task after `budgetMs`; a task's own exceptions pass through unchanged. */
export function cpuBudget(budgetMs: number): RunWithBudget {
  // vm takes whole milliseconds.
  const timeout = Math.max(1, Math.ceil(budgetMs));
  return <T>(task: () => T): Budgeted<T> => {
    context['task'] = task;
    try {
      return { ok: true, value: script.runInContext(context, { timeout, breakOnSigint: false }) as T };
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { ok: false, budgetMs };
      throw err;
    } finally {
      context['task'] = undefined;
    }
  };
}
