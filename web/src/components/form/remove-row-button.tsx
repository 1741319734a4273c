import type { ReactNode } from "react";

/**
 * Takes one row out of a repeated group of fields (a price grade, a band of rows).
 * `placement` lines it up with the row's inputs, which sit lower or higher per form.
 */
export function RemoveRowButton({
  label,
  disabled,
  placement,
  onRemove,
  children,
}: {
  /** Names the row, since every row's button reads the same. */
  label: string;
  disabled: boolean;
  placement: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`${placement} rounded-lg px-2 py-2 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-40`}
      disabled={disabled}
      aria-label={label}
      onClick={onRemove}
    >
      {children}
    </button>
  );
}
