/**
 * What runs the sources on schedule. A plain timer for now, behind this interface so that a
 * maintained scheduler (croner: timers that survive clock changes, cron expressions, no overlap)
 * replaces it in this one file.
 */
export interface Scheduler {
  /** Runs `task` every `everyMs`, never two at once (a tick that finds the last one running is skipped). */
  start(everyMs: number, task: () => Promise<void>): void;
  /** Stops the timer and waits for a running task to finish. */
  stop(): Promise<void>;
}

export function timerScheduler(): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  return {
    start(everyMs, task) {
      timer = setInterval(() => {
        if (current) return;
        current = task()
          .catch(() => undefined)
          .finally(() => (current = undefined));
      }, everyMs);
      // Never what keeps the process alive.
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
