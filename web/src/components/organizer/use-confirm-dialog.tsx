"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { dangerButtonClass, secondaryButtonClass } from "../form/field";

export interface ConfirmRequest {
  /** The dialog's name, a question: "Close sales?". */
  title: string;
  /** What happens next, in full: who is affected and what becomes of their holds. */
  body: ReactNode;
  /** The confirming button: the action's own words, as on the button that asked. */
  confirmLabel: string;
  /**
   * The dismissing button, "Cancel" unless given: an action that is itself a cancellation
   * needs other words, or both buttons would say Cancel.
   */
  dismissLabel?: string;
}

interface Pending extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
}

/**
 * Asks before a destructive action, in the page: a modal <dialog> (named by its title,
 * described by its body, Escape cancels) rather than window.confirm, whose text a
 * browser may suppress and whose buttons cannot say what they do. Cancel has the focus,
 * so a hurried Enter changes nothing. `confirm` answers whether the organizer went ahead.
 */
export function useConfirmDialog(): {
  confirm: (request: ConfirmRequest) => Promise<boolean>;
  dialog: ReactNode;
} {
  const t = useTranslations("organizer");
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        setPending({ ...request, resolve });
      }),
    [],
  );

  useEffect(() => {
    const dialog = ref.current;
    if (pending && dialog && !dialog.open) dialog.showModal();
  }, [pending]);

  const answer = (confirmed: boolean) => {
    ref.current?.close();
    pending?.resolve(confirmed);
    setPending(null);
  };

  const dialog = pending ? (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid="confirm-dialog"
      // Escape, or the browser closing it: the same as Cancel.
      onCancel={(event) => {
        event.preventDefault();
        answer(false);
      }}
      // m-auto: Tailwind's base resets the margins that centre a modal dialog.
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex flex-col gap-4 p-5 sm:p-6">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {pending.title}
        </h2>
        <div id={`${id}-body`} className="flex flex-col gap-2 text-sm text-slate-700">
          {pending.body}
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <button
            type="button"
            autoFocus
            className={secondaryButtonClass}
            onClick={() => {
              answer(false);
            }}
          >
            {pending.dismissLabel ?? t("cancel")}
          </button>
          <button
            type="button"
            className={dangerButtonClass}
            onClick={() => {
              answer(true);
            }}
          >
            {pending.confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  ) : null;

  return { confirm, dialog };
}
