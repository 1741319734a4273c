/**
 * What a run started, undone in reverse order: processes before the database they use,
 * the database before its temp folder. Every step runs even when one fails (the failure is
 * logged under `label`), and a stack runs each step once however often it is run.
 */
export interface CleanupStack {
  push: (step: () => unknown) => void;
  run: () => Promise<void>;
}

export function createCleanupStack(label: string): CleanupStack {
  const steps: (() => unknown)[] = [];
  return {
    push: (step) => {
      steps.push(step);
    },
    run: async () => {
      for (const step of steps.splice(0).reverse()) {
        await Promise.resolve()
          .then(step)
          .catch((error: unknown) => {
            console.error(`${label}: cleanup step failed:`, error);
          });
      }
    },
  };
}
