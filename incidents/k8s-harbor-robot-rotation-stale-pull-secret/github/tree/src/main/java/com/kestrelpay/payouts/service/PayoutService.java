package com.kestrelpay.payouts.service;

import com.kestrelpay.payouts.bank.BankAdapterClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
public class PayoutService {

    private static final Logger log = LoggerFactory.getLogger(PayoutService.class);

    // Bank submissions are slow (150-900 ms) and the bank adapter allows 32 concurrent
    // calls per client, so each pod submits through a bounded pool and sheds load with
    // 503 when the queue is full instead of piling up Tomcat threads.
    private final ThreadPoolExecutor bankPool = new ThreadPoolExecutor(
            32, 32, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(200));

    private final JdbcClient jdbc;
    private final BankAdapterClient bank;

    public PayoutService(JdbcClient jdbc, BankAdapterClient bank) {
        this.jdbc = jdbc;
        this.bank = bank;
    }

    public PayoutTicket submit(String idempotencyKey, PayoutRequest request) {
        String payoutId = jdbc.sql("""
                INSERT INTO payouts (idempotency_key, merchant_id, iban, amount, currency, reference, status)
                VALUES (:key, :merchant, :iban, :amount, :currency, :reference, 'queued')
                ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
                RETURNING payout_id
                """)
                .param("key", idempotencyKey)
                .param("merchant", request.merchantId())
                .param("iban", request.iban())
                .param("amount", request.amount())
                .param("currency", request.currency())
                .param("reference", request.reference())
                .query(String.class)
                .single();

        log.info("payout queued payout={} merchant={} key={} pool.active={} pool.queued={}",
                payoutId, request.merchantId(), idempotencyKey, bankPool.getActiveCount(), bankPool.getQueue().size());
        bankPool.submit(() -> send(payoutId, request));
        return new PayoutTicket(payoutId, "queued");
    }

    private void send(String payoutId, PayoutRequest request) {
        try {
            String bankRef = bank.submitTransfer(payoutId, request);
            jdbc.sql("UPDATE payouts SET status = 'submitted', bank_reference = :ref WHERE payout_id = :id")
                    .param("ref", bankRef).param("id", payoutId).update();
            log.info("payout submitted payout={} bank_ref={}", payoutId, bankRef);
        } catch (RuntimeException e) {
            log.warn("bank submit failed payout={}: {}", payoutId, e.toString());
            jdbc.sql("UPDATE payouts SET status = 'retry' WHERE payout_id = :id").param("id", payoutId).update();
        }
    }
}
