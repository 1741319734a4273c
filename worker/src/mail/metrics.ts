import { counter } from "@ticketping/common/metrics";
import { registry } from "../metrics";

export const mailMetrics = {
  attempts: counter(registry, {
    name: "ticketping_mail_attempts_total",
    help: "SMTP send attempts by result: sent, retry (failed, tried again later) or dead (gave up)",
    labelNames: ["result"],
  }),
  queued: counter(registry, {
    name: "ticketping_mail_queued_total",
    help: "Mails recorded for sending, by template (a redelivered event records none)",
    labelNames: ["template"],
  }),
};
