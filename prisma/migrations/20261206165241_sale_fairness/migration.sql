-- CreateTable
CREATE TABLE "sale_fairness" (
    "performance_id" UUID NOT NULL,
    "seed" CHAR(64) NOT NULL,
    "pseudonym_key" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shuffled_at" TIMESTAMPTZ(3),
    "entrants" TEXT[],
    "line_order" TEXT[],

    CONSTRAINT "sale_fairness_pkey" PRIMARY KEY ("performance_id")
);

-- AddForeignKey
ALTER TABLE "sale_fairness" ADD CONSTRAINT "sale_fairness_performance_id_fkey" FOREIGN KEY ("performance_id") REFERENCES "performances"("id") ON DELETE CASCADE ON UPDATE CASCADE;
