package com.kestrelpay.payout

import org.slf4j.LoggerFactory

data class BankConfig(
    val baseUrl: String,
    val clientId: String,
    val timeoutMs: Long,
)

data class KafkaConfig(
    val bootstrapServers: String,
    val payoutTopic: String,
    val groupId: String,
)

data class AppConfig(
    val environment: String,
    val bank: BankConfig,
    val kafka: KafkaConfig,
    val maxAttempts: Int,
)

private val log = LoggerFactory.getLogger("com.kestrelpay.payout.AppConfig")

/**
 * Reads the configuration from the environment. Secrets (the bank client secret, the Kafka
 * SASL password) are read by their users directly from the mounted secret files, never here.
 */
fun loadConfig(env: Map<String, String> = System.getenv()): AppConfig {
    val cfg = AppConfig(
        environment = env["APP_ENV"] ?: "local",
        bank = BankConfig(
            baseUrl = env["PAYOUT_BANK_BASE_URL"].orEmpty(),
            clientId = env["BANK_CLIENT_ID"].orEmpty(),
            timeoutMs = env["PAYOUT_BANK_TIMEOUT_MS"]?.toLongOrNull() ?: 5_000,
        ),
        kafka = KafkaConfig(
            bootstrapServers = env["KAFKA_BOOTSTRAP_SERVERS"] ?: "localhost:9092",
            payoutTopic = env["PAYOUT_TOPIC"] ?: "payouts.requested.v2",
            groupId = env["KAFKA_GROUP_ID"] ?: "payout-service",
        ),
        maxAttempts = env["PAYOUT_MAX_ATTEMPTS"]?.toIntOrNull() ?: 5,
    )
    log.info(
        "Configuration loaded: env={} bank.baseUrl='{}' bank.clientId={} bank.timeoutMs={} kafka.bootstrap={} kafka.topic={} maxAttempts={}",
        cfg.environment, cfg.bank.baseUrl, cfg.bank.clientId, cfg.bank.timeoutMs,
        cfg.kafka.bootstrapServers, cfg.kafka.payoutTopic, cfg.maxAttempts,
    )
    return cfg
}
