package com.cinderford.statements.batch

import org.springframework.batch.core.Job
import org.springframework.batch.core.Step
import org.springframework.batch.core.job.builder.JobBuilder
import org.springframework.batch.core.repository.JobRepository
import org.springframework.batch.core.step.builder.StepBuilder
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import org.springframework.transaction.PlatformTransactionManager

@Configuration
class StatementJobConfig(
    private val jobRepository: JobRepository,
    private val tx: PlatformTransactionManager,
    private val props: StatementProperties,
) {

    @Bean
    fun monthlyStatementJob(
        fetchUsageFileStep: Step,
        stageUsageStep: Step,
        aggregateUsageStep: Step,
        renderStatementsStep: Step,
    ): Job = JobBuilder("monthlyStatementJob", jobRepository)
        .start(fetchUsageFileStep)
        .next(stageUsageStep)
        .next(aggregateUsageStep)
        .next(renderStatementsStep)
        .build()

    @Bean
    fun fetchUsageFileStep(tasklet: FetchUsageFileTasklet): Step =
        StepBuilder("fetchUsageFileStep", jobRepository).tasklet(tasklet, tx).build()

    @Bean
    fun stageUsageStep(reader: UsageCsvReader, writer: UsageStagingWriter): Step =
        StepBuilder("stageUsageStep", jobRepository)
            .chunk<UsageRead, UsageRead>(props.stagingChunkSize, tx)
            .reader(reader)
            .writer(writer)
            .listener(StagingProgressListener())
            .build()

    @Bean
    fun aggregateUsageStep(tasklet: UsageAggregationTasklet): Step =
        StepBuilder("aggregateUsageStep", jobRepository).tasklet(tasklet, tx).build()

    @Bean
    fun renderStatementsStep(renderer: StatementRenderer, reader: StatementUsageReader, writer: StatementPdfWriter): Step =
        StepBuilder("renderStatementsStep", jobRepository)
            .chunk<AccountUsage, RenderedStatement>(200, tx)
            .reader(reader)
            .processor(renderer)
            .writer(writer)
            .build()
}
