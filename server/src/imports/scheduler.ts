import { Cron } from 'croner';

/** What runs the sources on schedule: croner, a maintained scheduler, behind this small interface. */
export interface Scheduler {
  /** Runs `task` every `everyMs` (whole seconds, one at least), never two at once (a tick that finds the last one running is skipped). */
  start(everyMs: number, task: () => Promise<void>): void;
  /** Stops the timer and waits for a running task to finish. */
  stop(): Promise<void>;
}

export function cronScheduler(): Scheduler {
  let job: Cron | undefined;
  let current: Promise<void> | undefined;
  return {
    start(everyMs, task) {
      // Every second, at most once per period; `protect` skips a tick while the last run lasts,
      // `unref`: never what keeps the process alive; a failed run is recorded by the task itself.
      job = new Cron('* * * * * *', { interval: Math.max(1, Math.round(everyMs / 1000)), protect: true, unref: true, catch: true }, () => {
        current = task();
        return current;
      });
    },
    async stop() {
      job?.stop();
      await current?.catch(() => undefined);
    },
  };
}
