import { getTranslations } from "next-intl/server";

/**
 * On every page while a production server takes no money (PAYMENT_PROVIDER=simulated):
 * nobody should mistake a demo for a box office.
 */
export async function SimulatedPaymentsBanner() {
  const t = await getTranslations("layout");
  return (
    <p
      data-testid="simulated-payments-banner"
      className="bg-amber-400 px-4 py-2 text-center text-sm font-semibold text-amber-950"
    >
      {t("demoBanner")}
    </p>
  );
}
