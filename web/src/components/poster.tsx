import { useTranslations } from "next-intl";

/** A performance's poster at 3:4, or a neutral panel with its name while it has none. */
export function Poster({
  url,
  name,
  className = "",
  priority = false,
}: {
  url: string | null;
  name: string;
  className?: string;
  priority?: boolean;
}) {
  const t = useTranslations("performance");
  return (
    <div className={`aspect-[3/4] overflow-hidden bg-slate-200 ${className}`}>
      {url ? (
        // Posters are small SVGs or organizer-given URLs; next/image would need every
        // external host allow-listed and adds nothing for vector art.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={url}
          alt={t("posterAlt", { name })}
          width={300}
          height={400}
          loading={priority ? "eager" : "lazy"}
          // The page's largest paint on a phone: fetched before the scripts that may wait.
          fetchPriority={priority ? "high" : "auto"}
          className="h-full w-full object-cover"
        />
      ) : (
        <div className="flex h-full items-center justify-center bg-gradient-to-br from-slate-700 to-slate-900 p-6 text-center text-lg font-semibold text-white">
          {name}
        </div>
      )}
    </div>
  );
}
