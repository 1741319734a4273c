"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PresaleRefusal } from "@ticketping/common/queue/client";
import { presaleCodeSchema } from "@ticketping/common/queue/presale-code";

/** Which of the code's rules a typed code broke, from the doors' own schema. */
function mistakeOf(code: string): "short" | "long" | "characters" | null {
  const parsed = presaleCodeSchema.safeParse(code);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]?.code;
  return issue === "too_small" ? "short" : issue === "too_big" ? "long" : "characters";
}

/**
 * The presale's way into the line: the buyer's code, sent with the entry (the queue
 * checks it at the door and spends it when the buyer's turn comes).
 */
export function PresaleCodeForm({
  generalSaleLabel,
  refusal,
  onSubmit,
  onWaitForGeneralSale,
}: {
  /** When the general sale opens, on the venue's clock. */
  generalSaleLabel: string;
  refusal: { code: PresaleRefusal; message: string } | null;
  onSubmit: (code: string) => void;
  /**
   * Present once the general sale's pre-queue is open (its lead before the general sale):
   * a buyer without a code may wait there for a fair place at the general sale.
   */
  onWaitForGeneralSale?: (() => void) | undefined;
}) {
  const t = useTranslations("queue");
  const [code, setCode] = useState("");
  // Checked here with the doors' own rule: a code no door can accept is the buyer's to fix.
  const [mistyped, setMistyped] = useState<string | null>(null);
  const error = mistyped ?? (refusal ? t(`presaleRefusal_${refusal.code}`) : null);
  return (
    <form
      data-testid="presale-form"
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const mistake = mistakeOf(code);
        if (mistake) {
          setMistyped(t(`presaleMistyped_${mistake}`));
          return;
        }
        setMistyped(null);
        onSubmit(presaleCodeSchema.parse(code));
      }}
    >
      <p className="rounded-lg bg-violet-50 p-4 text-violet-950">
        {t("presaleOn", { time: generalSaleLabel })}
      </p>
      <label htmlFor="presale-code" className="text-sm font-medium">
        {t("presaleCodeLabel")}
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
        {t("presaleJoin")}
      </button>
      {onWaitForGeneralSale ? (
        <div className="flex flex-col gap-2 border-t border-slate-200 pt-3">
          <p className="text-sm text-slate-700">
            {t("generalPreQueueOpen", { time: generalSaleLabel })}
          </p>
          <button
            type="button"
            data-testid="wait-for-general-sale"
            onClick={onWaitForGeneralSale}
            className="self-start rounded-lg border border-slate-300 px-4 py-2 font-medium text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600"
          >
            {t("waitForGeneralSale")}
          </button>
        </div>
      ) : null}
    </form>
  );
}
