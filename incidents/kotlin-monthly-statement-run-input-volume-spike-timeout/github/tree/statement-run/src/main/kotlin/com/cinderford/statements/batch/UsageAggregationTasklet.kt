package com.cinderford.statements.batch

import org.slf4j.LoggerFactory
import org.springframework.batch.core.StepContribution
import org.springframework.batch.core.scope.context.ChunkContext
import org.springframework.batch.core.step.tasklet.Tasklet
import org.springframework.batch.repeat.RepeatStatus
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate
import org.springframework.stereotype.Component

/**
 * Rolls the staged meter reads (usage_staging) up to one row per account and tariff band in
 * statement_usage. Runs once per billing period, after stageUsageStep.
 */
@Component
class UsageAggregationTasklet(
    private val jdbc: NamedParameterJdbcTemplate,
) : Tasklet {

    private val log = LoggerFactory.getLogger(javaClass)

    override fun execute(contribution: StepContribution, chunkContext: ChunkContext): RepeatStatus {
        val period = chunkContext.stepContext.jobParameters["billingPeriod"] as String
        val params = mapOf("period" to period)
        log.info("Aggregating staged usage for period {}", period)
        jdbc.update(DELETE_SQL, params)
        val inserted = jdbc.update(AGGREGATE_SQL, params)
        log.info("Aggregation for period {} complete: {} account/band rows", period, inserted)
        return RepeatStatus.FINISHED
    }

    companion object {
        private const val DELETE_SQL = "DELETE FROM statement_usage WHERE billing_period = :period"
        private val AGGREGATE_SQL = """
            INSERT INTO statement_usage (billing_period, account_id, tariff_band, volume_m3, reads, first_read_at, last_read_at)
            SELECT :period, s.account_id, t.band, SUM(s.volume_m3), COUNT(*), MIN(s.read_at), MAX(s.read_at)
            FROM usage_staging s
            JOIN meter_tariffs t ON t.meter_id = s.meter_id AND s.read_at <@ t.valid_during
            WHERE s.billing_period = :period
            GROUP BY s.account_id, t.band
        """.trimIndent()
    }
}
