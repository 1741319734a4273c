"use client";

import { useState } from "react";
import { presaleCodeSchema, type PresaleRefusal } from "@ticketping/common/queue/client";

// What each refusal tells the buyer, and what to do next.
const refusalText: Record<PresaleRefusal, string> = {
  PRESALE_CODE_REQUIRED: "Enter your presale code to join the line.",
  PRESALE_CODE_INVALID:
    "This code is not valid for this performance, or it was withdrawn. Check it and try again.",
  PRESALE_CODE_USED_UP:
    "This code has been used up. Try another code, or come back when the general sale opens.",
};

/**
 * The presale's way into the line: the buyer's code, sent with the entry (the queue
 * checks it at the door and spends it when the buyer's turn comes).
 */
export function PresaleCodeForm({
  generalSaleLabel,
  refusal,
  onSubmit,
}: {
  /** When the general sale opens, on the venue's clock. */
  generalSaleLabel: string;
  refusal: { code: PresaleRefusal; message: string } | null;
  onSubmit: (code: string) => void;
}) {
  const [code, setCode] = useState("");
  // Checked here with the doors' own rule: a code no door can accept is the buyer's to fix.
  const [mistyped, setMistyped] = useState<string | null>(null);
  const error = mistyped ?? (refusal ? refusalText[refusal.code] : null);
  return (
    <form
      data-testid="presale-form"
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = presaleCodeSchema.safeParse(code);
        if (!parsed.success) {
          setMistyped(
            `${parsed.error.issues[0]?.message ?? "Not a presale code."} Check your code and try again.`,
          );
          return;
        }
        setMistyped(null);
        onSubmit(parsed.data);
      }}
    >
      <p className="rounded-lg bg-violet-50 p-4 text-violet-950">
        A presale is on: until the general sale opens ({generalSaleLabel}), only buyers with a
        presale code can join the line.
      </p>
      <label htmlFor="presale-code" className="text-sm font-medium">
        Presale code
      </label>
      <input
        id="presale-code"
        name="presaleCode"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={64}
        value={code}
        onChange={(event) => {
          setCode(event.target.value);
          setMistyped(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "presale-code-error" : undefined}
        className="rounded-lg border border-slate-300 px-3 py-2 font-mono uppercase tracking-wider"
        placeholder="XXXX-XXXX-XXXX-XXXX"
      />
      {error ? (
        <p
          id="presale-code-error"
          role="alert"
          data-testid="presale-refusal"
          data-code={mistyped ? "MISTYPED" : refusal?.code}
          className="text-sm font-medium text-red-700"
        >
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        className="self-start rounded-lg bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600"
      >
        Join the line with this code
      </button>
    </form>
  );
}
