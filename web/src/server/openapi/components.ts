import type { z } from "zod";
import {
  adminGradeSchema,
  adminHallSchema,
  adminPerformanceRowSchema,
  adminPerformanceSchema,
  performanceStatsSchema,
  queueStatsSchema,
  savedHallSchema,
} from "../admin/answers";
import { queueSettingsSchema } from "../admin/schemas";
import { holdViewSchema } from "../booking/hold-view";
import { hallPlanAnswerSchema } from "../hall-plan/schemas";
import { healthReportSchema } from "../health/schemas";
import { checkoutViewSchema, startedCheckoutSchema } from "../payments/checkout-view";
import { webhookAnswerSchema } from "../payments/webhook-answer";
import { performanceDetailSchema, performanceSummarySchema } from "../performances/schemas";
import { powChallengeSchema, powSolutionSchema } from "../pow/schemas";
import { queueTicketSchema } from "../queue/schemas";
import { cancelledReservationSchema, myReservationSchema } from "../reservations/schemas";
import { seatMapLayoutSchema } from "../seat-map/types";

/**
 * The schemas the document names (components/schemas), so a client generator makes one
 * type of each and the reference page links to it. Everything else is inlined where used.
 */
export const namedSchemas = new Map<z.ZodType, string>([
  [performanceSummarySchema, "PerformanceSummary"],
  [performanceDetailSchema, "PerformanceDetail"],
  [myReservationSchema, "MyReservation"],
  [queueTicketSchema, "QueueTicket"],
  [powChallengeSchema, "PowChallenge"],
  [powSolutionSchema, "PowSolution"],
  [seatMapLayoutSchema, "SeatMapLayout"],
  [holdViewSchema, "Hold"],
  [cancelledReservationSchema, "CancelledReservation"],
  [checkoutViewSchema, "CheckoutView"],
  [startedCheckoutSchema, "StartedCheckout"],
  [webhookAnswerSchema, "WebhookAnswer"],
  [adminHallSchema, "AdminHall"],
  [savedHallSchema, "Hall"],
  [hallPlanAnswerSchema, "HallPlan"],
  [adminPerformanceRowSchema, "AdminPerformanceRow"],
  [adminPerformanceSchema, "AdminPerformance"],
  [adminGradeSchema, "Grade"],
  [queueSettingsSchema, "QueueSettings"],
  [performanceStatsSchema, "PerformanceStats"],
  [queueStatsSchema, "QueueStats"],
  [healthReportSchema, "HealthReport"],
]);
