/**
 * Connections a process may hold above its fair share before it stops accepting: a tenth
 * of the share, and at least a few, so that a handful of connections coming and going do
 * not close and reopen the listening handle over and over.
 */
const MARGIN_SHARE = 0.1;
const MARGIN_MIN = 4;

export interface IntakeView {
  /** The process's open connections on the public port. */
  own: number;
  /** Every other live process's count. */
  others: readonly number[];
  /** Whether it accepts now: it stops above fair share plus the margin, resumes at half of it. */
  accepting: boolean;
}

/**
 * Whether a queue process should take connections from the shared listening socket. The
 * kernel hands a connection to whichever process waits in accept first, so a process that
 * a busy moment kept away from accept gets few and another takes a burst whole; a process
 * over its share steps aside until the others caught up.
 */
export function decideIntake(view: IntakeView): boolean {
  const total = view.own + view.others.reduce((sum, count) => sum + count, 0);
  const fair = total / (view.others.length + 1);
  const margin = Math.max(MARGIN_MIN, fair * MARGIN_SHARE);
  return view.accepting ? view.own <= fair + margin : view.own <= fair + margin / 2;
}
