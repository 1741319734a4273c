"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { maxSeatsPerReservationLimits } from "@/server/admin/limits";
import { presaleCodeLimits } from "@/server/presale/limits";
import type { CreatedPresaleCodes, PresaleCodeView } from "@/server/presale/schemas";
import { apiRequest, ApiError } from "../api-client";
import { useErrorText, useFieldErrorText } from "../use-error-text";
import {
  buttonClass,
  dangerButtonClass,
  describedBy,
  Field,
  FormAlert,
  inputClass,
  secondaryButtonClass,
} from "../form/field";
import { fromUtcInput, optionalNumber, toUtcInput } from "./input-values";
import { useConfirmDialog } from "./use-confirm-dialog";
import { useHydrated } from "../use-hydrated";

/**
 * The performance's presale: when the general sale opens (before it, only code holders
 * enter the line), its codes with their uses, making new ones (shown this once) and
 * revoking them.
 */
export function PresaleCodes({
  performanceId,
  generalSaleOpensAt,
  initialCodes,
}: {
  performanceId: string;
  generalSaleOpensAt: string | null;
  initialCodes: PresaleCodeView[];
}) {
  const t = useTranslations("organizer.presale");
  const problem = useErrorText();
  const fieldErrorText = useFieldErrorText();
  const router = useRouter();
  const [codes, setCodes] = useState(initialCodes);
  const [opensAt, setOpensAt] = useState(generalSaleOpensAt ? toUtcInput(generalSaleOpensAt) : "");
  const [kind, setKind] = useState<"SINGLE" | "SHARED">("SINGLE");
  const [amount, setAmount] = useState("10");
  const [seatCap, setSeatCap] = useState("");
  const [label, setLabel] = useState("");
  const [created, setCreated] = useState<string[] | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [windowError, setWindowError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const { confirm, dialog } = useConfirmDialog();

  async function saveWindow(clear: boolean) {
    setAlert(null);
    setWindowError(undefined);
    const value = clear ? null : fromUtcInput(opensAt);
    if (!clear && value === null) {
      setWindowError(t("enterDate"));
      return;
    }
    setPending(true);
    try {
      await apiRequest(`/api/admin/performances/${performanceId}`, {
        method: "PATCH",
        body: { generalSaleOpensAt: value },
      });
      if (clear) setOpensAt("");
      router.refresh();
    } catch (error) {
      setWindowError(
        (error instanceof ApiError
          ? fieldErrorText(error, { generalSaleOpensAt: t("windowRule") }).generalSaleOpensAt
          : undefined) ?? problem(error),
      );
    }
    setPending(false);
  }

  async function create() {
    setAlert(null);
    setPending(true);
    try {
      const count = Number(amount);
      const cap = optionalNumber(seatCap);
      const answer = await apiRequest<CreatedPresaleCodes>(
        `/api/admin/performances/${performanceId}/presale-codes`,
        {
          method: "POST",
          body:
            kind === "SINGLE"
              ? { kind, count, seatCap: cap, label }
              : { kind, useLimit: count, seatCap: cap, label },
        },
      );
      setCreated(answer.codes.map((code) => code.code));
      setCodes([...answer.codes.map(({ code: _shownOnce, ...view }) => view), ...codes]);
    } catch (error) {
      setAlert(problem(error));
    }
    setPending(false);
  }

  async function revoke(id: string) {
    const confirmed = await confirm({
      title: t("revokeTitle"),
      confirmLabel: t("revokeConfirm"),
      body: <p>{t("revokeText")}</p>,
    });
    if (!confirmed) return;
    setAlert(null);
    try {
      const answer = await apiRequest<{ code: PresaleCodeView }>(
        `/api/admin/presale-codes/${id}/revoke`,
        { method: "POST" },
      );
      setCodes(codes.map((code) => (code.id === id ? answer.code : code)));
    } catch (error) {
      setAlert(problem(error));
    }
  }

  const csv = created ? `code\n${created.join("\n")}\n` : "";
  return (
    <div className="flex flex-col gap-4" data-testid="presale-codes">
      {dialog}
      <div className="flex flex-wrap items-end gap-2">
        <Field
          id="general-sale-opens-at"
          label={t("opensAt")}
          hint={t("opensAtHint")}
          error={windowError}
        >
          <input
            type="datetime-local"
            className={inputClass}
            value={opensAt}
            onChange={(event) => {
              setOpensAt(event.target.value);
            }}
            {...describedBy("general-sale-opens-at", windowError, true)}
          />
        </Field>
        <button
          type="button"
          className={buttonClass}
          disabled={pending || !hydrated}
          onClick={() => void saveWindow(false)}
        >
          {t("save")}
        </button>
        {generalSaleOpensAt ? (
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={pending || !hydrated}
            onClick={() => void saveWindow(true)}
          >
            {t("none")}
          </button>
        ) : null}
      </div>

      <fieldset className="flex flex-wrap items-end gap-3">
        <legend className="mb-1 text-sm font-medium text-slate-800">{t("newCodes")}</legend>
        <label className="flex items-center gap-1 text-sm">
          <input
            type="radio"
            name="presale-kind"
            checked={kind === "SINGLE"}
            onChange={() => {
              setKind("SINGLE");
            }}
          />
          {t("single")}
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input
            type="radio"
            name="presale-kind"
            checked={kind === "SHARED"}
            onChange={() => {
              setKind("SHARED");
            }}
          />
          {t("shared")}
        </label>
        <Field id="presale-amount" label={kind === "SINGLE" ? t("howMany") : t("uses")}>
          <input
            id="presale-amount"
            type="number"
            min={1}
            max={kind === "SINGLE" ? presaleCodeLimits.count.max : presaleCodeLimits.useLimit.max}
            className={inputClass}
            value={amount}
            onChange={(event) => {
              setAmount(event.target.value);
            }}
          />
        </Field>
        <Field id="presale-seat-cap" label={t("seatCap")}>
          <input
            id="presale-seat-cap"
            type="number"
            min={maxSeatsPerReservationLimits.min}
            max={maxSeatsPerReservationLimits.max}
            className={inputClass}
            value={seatCap}
            onChange={(event) => {
              setSeatCap(event.target.value);
            }}
          />
        </Field>
        <Field id="presale-label" label={t("note")}>
          <input
            id="presale-label"
            maxLength={100}
            className={inputClass}
            value={label}
            onChange={(event) => {
              setLabel(event.target.value);
            }}
          />
        </Field>
        <button
          type="button"
          className={buttonClass}
          disabled={pending || !hydrated}
          onClick={() => void create()}
        >
          {t("create")}
        </button>
      </fieldset>
      <FormAlert message={alert} />

      {created ? (
        <div className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm font-semibold text-amber-950">{t("saveNow")}</p>
          <textarea
            readOnly
            data-testid="created-presale-codes"
            className="min-h-24 rounded border border-amber-200 bg-white p-2 font-mono text-sm"
            value={created.join("\n")}
          />
          <a
            className="text-sm font-medium text-brand-700 hover:underline"
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
            download="presale-codes.csv"
          >
            {t("csv")}
          </a>
        </div>
      ) : null}

      {codes.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noCodes")}</p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="presale-code-list">
          <thead>
            <tr className="text-slate-500">
              <th className="py-1">{t("colEnds")}</th>
              <th>{t("colKind")}</th>
              <th>{t("colNote")}</th>
              <th>{t("colUsed")}</th>
              <th>{t("colSeats")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {codes.slice(0, 200).map((code) => (
              <tr key={code.id} className="border-t border-slate-100">
                <td className="py-1 font-mono">…{code.hint}</td>
                <td>{t(`kind_${code.kind}`)}</td>
                <td>{code.label}</td>
                <td>
                  {code.uses} / {code.useLimit}
                </td>
                <td>{code.seatCap ?? "—"}</td>
                <td>
                  {code.revokedAt ? (
                    <span className="text-slate-500">{t("revoked")}</span>
                  ) : (
                    <button
                      type="button"
                      className={dangerButtonClass}
                      onClick={() => void revoke(code.id)}
                    >
                      {t("revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {codes.length > 200 ? (
        <p className="text-xs text-slate-500">{t("newest", { count: codes.length })}</p>
      ) : null}
    </div>
  );
}
