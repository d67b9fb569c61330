package com.meridian.settlement.batch;

import com.meridian.settlement.fees.FeePlanRepository;
import com.meridian.settlement.model.AcquirerLine;
import com.meridian.settlement.model.SettlementLine;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.database.JdbcBatchItemWriter;
import org.springframework.batch.item.support.SynchronizedItemStreamReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration
public class SettlementJobConfig {

  @Bean
  public Job merchantSettlementJob(JobRepository jobs, Step loadAcquirerFiles, Step settleTransactions, Step reconcileControlTotals) {
    return new JobBuilder("merchantSettlementJob", jobs)
        .start(loadAcquirerFiles)
        .next(settleTransactions)
        .next(reconcileControlTotals)
        .build();
  }

  @Bean
  public TaskExecutor settlementTaskExecutor(@Value("${settlement.threads:8}") int threads) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setCorePoolSize(threads);
    executor.setMaxPoolSize(threads);
    executor.setThreadNamePrefix("settle-worker-");
    executor.initialize();
    return executor;
  }

  @Bean
  @StepScope
  public SettlementLineProcessor settlementLineProcessor(
      FeePlanRepository feePlans, @Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
    return new SettlementLineProcessor(feePlans, businessDate);
  }

  @Bean
  public Step settleTransactions(
      JobRepository jobs,
      PlatformTransactionManager tx,
      SynchronizedItemStreamReader<AcquirerLine> acquirerLineReader,
      SettlementLineProcessor settlementLineProcessor,
      JdbcBatchItemWriter<SettlementLine> settlementLineWriter,
      TaskExecutor settlementTaskExecutor,
      SettlementSkipListener skipListener,
      SettlementProgressListener progressListener) {
    return new StepBuilder("settleTransactions", jobs)
        .<AcquirerLine, SettlementLine>chunk(500, tx)
        .reader(acquirerLineReader)
        .processor(settlementLineProcessor)
        .writer(settlementLineWriter)
        .faultTolerant()
        .skip(SettlementValidationException.class)
        .skipLimit(200)
        .listener(skipListener)
        .listener(progressListener)
        .taskExecutor(settlementTaskExecutor)
        .build();
  }
}
