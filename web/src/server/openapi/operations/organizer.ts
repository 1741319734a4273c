import { z } from "zod";
import {
  adminGradeSchema,
  adminHallSchema,
  adminPerformanceRowSchema,
  adminPerformanceSchema,
  deletedSchema,
  chartSampleSchema,
  createdHallSchema,
  performanceStatsSchema,
  savedHallSchema,
  savedPerformanceSchema,
  savedScheduleSchema,
  showSeatsSchema,
} from "../../admin/answers";
import {
  gradeSchema,
  gradeUpdateSchema,
  hallCreateSchema,
  hallUpdateSchema,
  heldBackSeatsChangeSchema,
  idParamsSchema,
  performanceCreateSchema,
  performanceUpdateSchema,
  queueSettingsAnswerSchema,
  queueSettingsSchema,
  scheduleCreateSchema,
} from "../../admin/schemas";
import { saleReportAnswerSchema } from "../../fairness/report-schemas";
import {
  cancelShowSchema,
  refundOrderSchema,
  requestedRefundSchema,
  reservationIdParamsSchema,
  showCancellationSchema,
} from "../../refunds/schemas";
import {
  createdPresaleCodesSchema,
  presaleCodeListSchema,
  presaleCodeParamsSchema,
  presaleCodeViewSchema,
  presaleCodesCreateSchema,
} from "../../presale/schemas";
import { hallWithPlanSchema } from "../../hall-plan/answers";
import { hallPlanSchema } from "../../hall-plan/schemas";
import type { Operation } from "../operation";
import { organizerOperation } from "./organizer-operation";

const conflict =
  "`CONFLICT` with `details.reason`: SLUG_TAKEN, SCHEDULE_EXISTS, RESERVATIONS_EXIST, GRADE_IN_USE, GRADE_NAME_TAKEN, HALL_IN_USE, HAS_SCHEDULES or CURRENCY_LOCKED (see web/README.md).";
const cacheDrop =
  "If Redis cannot be reached after the edit was saved, the answer is 503; saving again repeats it.";

export const organizerOperations: Operation[] = [
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/halls",
    operationId: "listHalls",
    summary: "Every hall",
    answers: {
      200: { description: "The halls.", data: z.strictObject({ halls: z.array(adminHallSchema) }) },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "post",
    path: "/api/admin/halls",
    operationId: "createHall",
    summary: "A new hall of rows × columns seats, with its aisles and sections if given",
    description:
      "The plan is optional and checked as `setHallPlan` checks it, against the size given beside it: each refused field is an issue of `VALIDATION_FAILED` with a stable `code` and a path under `plan.` (web/README.md). The hall and its plan are written together or not at all.",
    body: hallCreateSchema,
    answers: {
      201: { description: "Created.", data: z.strictObject({ hall: createdHallSchema }) },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "patch",
    path: "/api/admin/halls/{id}",
    operationId: "updateHall",
    summary: "Changes a hall; its size only while no show was laid out in it",
    description: `${conflict} ${cacheDrop}`,
    params: idParamsSchema,
    body: hallUpdateSchema,
    answers: { 200: { description: "Saved.", data: z.strictObject({ hall: savedHallSchema }) } },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/halls/{id}/plan",
    operationId: "getHallPlan",
    summary: "A hall's aisles and sections",
    params: idParamsSchema,
    answers: {
      200: {
        description: "The hall's size and plan.",
        data: z.strictObject({ hall: hallWithPlanSchema }),
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "put",
    path: "/api/admin/halls/{id}/plan",
    operationId: "setHallPlan",
    summary: "Replaces a hall's aisles and sections; its shows' seat maps draw them",
    description: `Aisles are gaps after rows or seats: they move no seat, so they may change while shows are on sale. Sections must lie inside the hall and not overlap; their names are unique (any case). Each refused field is an issue of \`VALIDATION_FAILED\` with a stable \`code\` (web/README.md). ${cacheDrop}`,
    params: idParamsSchema,
    body: hallPlanSchema,
    answers: {
      200: { description: "Saved.", data: z.strictObject({ hall: hallWithPlanSchema }) },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/performances",
    operationId: "listAdminPerformances",
    summary: "Every performance, drafts included, newest first",
    answers: {
      200: {
        description: "The performances.",
        data: z.strictObject({ performances: z.array(adminPerformanceRowSchema) }),
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "post",
    path: "/api/admin/performances",
    operationId: "createPerformance",
    summary: "A performance with its grades (no shows yet)",
    description: `Booking must close after it opens; \`hallId\` must name a hall (else \`VALIDATION_FAILED\`). \`currency\` (KRW, EUR, USD, JPY or GBP; EUR when left out) is every grade's, and each \`priceMinor\` is in its minor unit (KRW and JPY have none). ${conflict}`,
    body: performanceCreateSchema,
    answers: {
      201: {
        description: "Created.",
        data: z.strictObject({ performance: savedPerformanceSchema }),
      },
    },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/performances/{id}",
    operationId: "getAdminPerformance",
    summary: "A performance with its grades, shows and queue settings",
    params: idParamsSchema,
    answers: {
      200: {
        description: "The performance.",
        data: z.strictObject({ performance: adminPerformanceSchema }),
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "patch",
    path: "/api/admin/performances/{id}",
    operationId: "updatePerformance",
    summary: "Changes any of a performance's fields; `saleStatus` opens and closes its sale",
    description: `A new \`currency\` is every grade's too, in the same transaction, and is refused with \`CONFLICT\` (\`details.reason\` CURRENCY_LOCKED) once any show of the performance has a reservation; prices are not converted. ${conflict} ${cacheDrop}`,
    params: idParamsSchema,
    body: performanceUpdateSchema,
    answers: {
      200: { description: "Saved.", data: z.strictObject({ performance: savedPerformanceSchema }) },
    },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "put",
    path: "/api/admin/performances/{id}/queue-settings",
    operationId: "updateQueueSettings",
    summary: "The waiting room's tuning; null restores the queue service's default",
    description: `${cacheDrop} \`requireVerifiedEmail\` (omitted: unchanged) decides whether \`POST /api/queue/ticket\` answers EMAIL_NOT_VERIFIED to buyers who have not confirmed their address; a new performance requires it.`,
    params: idParamsSchema,
    body: queueSettingsSchema,
    answers: {
      200: {
        description: "Saved: every setting as stored.",
        data: z.strictObject({ queue: queueSettingsAnswerSchema }),
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "post",
    path: "/api/admin/performances/{id}/grades",
    operationId: "createGrade",
    summary: "A new price grade, in the performance's currency (priceMinor in its minor unit)",
    description: `${conflict} ${cacheDrop}`,
    params: idParamsSchema,
    body: gradeSchema,
    answers: {
      201: { description: "Created.", data: z.strictObject({ grade: adminGradeSchema }) },
    },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "patch",
    path: "/api/admin/grades/{id}",
    operationId: "updateGrade",
    summary: "Changes a grade; its price only while nobody reserved",
    description: `${conflict} ${cacheDrop}`,
    params: idParamsSchema,
    body: gradeUpdateSchema,
    answers: { 200: { description: "Saved.", data: z.strictObject({ grade: adminGradeSchema }) } },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "delete",
    path: "/api/admin/grades/{id}",
    operationId: "deleteGrade",
    summary: "Deletes a grade no seat uses",
    description: `${conflict} ${cacheDrop}`,
    params: idParamsSchema,
    answers: { 200: { description: "Deleted.", data: deletedSchema } },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "post",
    path: "/api/admin/performances/{id}/schedules",
    operationId: "createSchedule",
    summary: "A show and its seats, each row graded by the bands",
    description: `The bands must cover every row of the hall exactly once with the performance's own grades (else \`VALIDATION_FAILED\`). ${conflict}`,
    params: idParamsSchema,
    body: scheduleCreateSchema,
    answers: {
      201: { description: "Created.", data: z.strictObject({ schedule: savedScheduleSchema }) },
    },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "delete",
    path: "/api/admin/schedules/{id}",
    operationId: "deleteSchedule",
    summary: "Deletes a show nobody reserved",
    description: `${conflict} ${cacheDrop}`,
    params: idParamsSchema,
    answers: { 200: { description: "Deleted.", data: deletedSchema } },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/performances/{id}/stats",
    operationId: "getPerformanceStats",
    summary: "One live sample: seats, revenue, reservations and the waiting room",
    params: idParamsSchema,
    answers: {
      200: { description: "The sample.", data: z.strictObject({ stats: performanceStatsSchema }) },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/performances/{id}/stats/history",
    operationId: "listChartSamples",
    summary: "The live charts' recent samples, oldest first",
    description:
      "Kept from the stats reads (at most one every 3 s, the last 60, for an hour after the last), so the console's charts survive a reload. Empty when nobody looked at the stats in the last hour.",
    params: idParamsSchema,
    answers: {
      200: {
        description: "The samples.",
        data: z.strictObject({ samples: z.array(chartSampleSchema) }),
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/performances/{id}/fairness-report",
    operationId: "getLiveSaleReport",
    summary: "The sale's fairness report, live while it runs (`final` once it has closed)",
    description:
      "The same figures as the public `GET /api/performances/{slug}/fairness/report`, at any time, drafts included.",
    params: idParamsSchema,
    answers: { 200: { description: "The report.", data: saleReportAnswerSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "post",
    path: "/api/admin/reservations/{id}/refunds",
    operationId: "refundOrder",
    summary: "Refunds some or all seats of a confirmed order",
    description:
      "The refund is asked for at once (202) and made at the provider by the worker, exactly once; the buyer gets the refund-issued mail. `CONFLICT` with `details.reason`: ORDER_NOT_CONFIRMED, SEATS_ALREADY_REFUNDED (a second click) or NO_PAYMENT (see web/README.md).",
    params: reservationIdParamsSchema,
    body: refundOrderSchema,
    answers: {
      202: {
        description: "Asked for.",
        data: z.strictObject({ refund: requestedRefundSchema }),
      },
    },
    errors: ["NOT_FOUND", "CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "post",
    path: "/api/admin/schedules/{id}/cancellation",
    operationId: "cancelShow",
    summary: "Cancels a show and refunds every confirmed order of it",
    description: `No new holds from this answer on (SALE_CLOSED, details.reason SHOW_CANCELLED); the worker refunds every order, each buyer gets the show-cancelled mail once. Cancelling again changes nothing. ${cacheDrop}`,
    params: idParamsSchema,
    body: cancelShowSchema,
    answers: {
      202: {
        description: "Cancelled; the refunds are under way.",
        data: z.strictObject({ cancellation: showCancellationSchema }),
      },
    },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/schedules/{id}/cancellation",
    operationId: "getShowCancellation",
    summary: "A show's cancellation and the progress of its refunds",
    params: idParamsSchema,
    answers: {
      200: {
        description: "The cancellation (cancelledAt null while not cancelled).",
        data: z.strictObject({ cancellation: showCancellationSchema }),
      },
    },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/schedules/{id}/held-back-seats",
    operationId: "getShowSeats",
    summary: "A show's seats: free, held, sold or held back",
    params: idParamsSchema,
    answers: {
      200: {
        description: "Every seat of the show with its state.",
        data: z.strictObject({ seats: showSeatsSchema }),
      },
    },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "post",
    path: "/api/admin/schedules/{id}/held-back-seats",
    operationId: "setHeldBackSeats",
    summary: "Holds seats of a show back from sale, or releases them",
    description: `All or nothing. Holding back takes free seats off sale (house seats, camera positions): buyers see them taken, cannot hold them, and they no longer count as seats left. A seat held or sold is refused with \`SEAT_UNAVAILABLE\` (\`details.seatIds\`). Releasing puts them on sale again. Repeating a change changes nothing. ${cacheDrop}`,
    params: idParamsSchema,
    body: heldBackSeatsChangeSchema,
    answers: {
      200: {
        description: "The show's seats after the change.",
        data: z.strictObject({ seats: showSeatsSchema }),
      },
    },
    errors: ["NOT_FOUND", "SEAT_UNAVAILABLE", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "get",
    path: "/api/admin/performances/{id}/presale-codes",
    operationId: "listPresaleCodes",
    summary: "A performance's presale codes with their uses (never the codes themselves)",
    params: idParamsSchema,
    answers: { 200: { description: "Newest first.", data: presaleCodeListSchema } },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "post",
    path: "/api/admin/performances/{id}/presale-codes",
    operationId: "createPresaleCodes",
    summary: "Makes presale codes: single-use ones, or one shared code with a use limit",
    description:
      "Codes are generated here (80 random bits each) and only their SHA-256 is kept: the answer is the one time they are shown. During the presale (before the performance's `generalSaleOpensAt`) a buyer enters the line only with a code that has a use left; a use is spent when the holder claims the turn, and given back when the turn ends with nothing bought. `CONFLICT` with `details.reason` TOO_MANY_CODES past 10,000 codes per performance.",
    params: idParamsSchema,
    body: presaleCodesCreateSchema,
    answers: { 201: { description: "The new codes, in full.", data: createdPresaleCodesSchema } },
    errors: ["NOT_FOUND", "CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...organizerOperation,
    method: "post",
    path: "/api/admin/presale-codes/{id}/revoke",
    operationId: "revokePresaleCode",
    summary: "Revokes a presale code",
    description:
      "Both doors refuse it from now on (`PRESALE_CODE_INVALID`), and so does the claim of a holder still in line. Turns already claimed keep their token. Revoking again changes nothing.",
    params: presaleCodeParamsSchema,
    answers: {
      200: { description: "The code.", data: z.strictObject({ code: presaleCodeViewSchema }) },
    },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
];
