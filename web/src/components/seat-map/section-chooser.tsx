"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { HallSection } from "@/server/hall-plan/hall-plan";

const chipClass =
  "rounded-full border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600";

/**
 * On a phone or tablet, where a big hall does not fit: go straight to a section (the map
 * zooms to seats a finger can tap and scrolls to it), or back to the whole hall. A laptop
 * shows the whole hall at once and does without.
 */
export function SectionChooser({
  sections,
  onChoose,
  onWholeHall,
}: {
  sections: readonly HallSection[];
  onChoose: (index: number) => void;
  onWholeHall: () => void;
}) {
  const t = useTranslations("booking");
  const [chosen, setChosen] = useState<number | null>(null);
  return (
    <div
      role="group"
      aria-labelledby="section-chooser-label"
      data-testid="section-chooser"
      className="flex flex-wrap items-center gap-2 lg:hidden"
    >
      <span id="section-chooser-label" className="text-sm font-medium text-slate-700">
        {t("sectionChooser")}
      </span>
      {sections.map((section, index) => (
        <button
          key={section.name}
          type="button"
          aria-pressed={chosen === index}
          onClick={() => {
            setChosen(index);
            onChoose(index);
          }}
          className={`${chipClass} ${chosen === index ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
        >
          {section.name}
        </button>
      ))}
      <button
        type="button"
        aria-pressed={chosen === null}
        onClick={() => {
          setChosen(null);
          onWholeHall();
        }}
        className={`${chipClass} ${chosen === null ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
      >
        {t("wholeHall")}
      </button>
    </div>
  );
}
