package com.meridian.settlement.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.stereotype.Component;

/** Logs progress every 200 committed chunks (100k lines), so a slow night is visible before it ends. */
@Component
public class SettlementProgressListener implements ChunkListener {

  private static final Logger log = LoggerFactory.getLogger(SettlementProgressListener.class);

  @Override
  public void afterChunk(ChunkContext context) {
    StepExecution step = context.getStepContext().getStepExecution();
    if (step.getCommitCount() % 200 == 0) {
      log.info("progress step={} commits={} read={} written={} skipped={}",
          step.getStepName(), step.getCommitCount(), step.getReadCount(), step.getWriteCount(), step.getSkipCount());
    }
  }
}
