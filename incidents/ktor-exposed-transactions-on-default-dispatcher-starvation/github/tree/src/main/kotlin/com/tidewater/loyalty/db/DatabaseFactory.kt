package com.tidewater.loyalty.db

import com.zaxxer.hikari.HikariConfig
import com.zaxxer.hikari.HikariDataSource
import io.ktor.server.config.ApplicationConfig
import kotlinx.coroutines.Dispatchers
import org.jetbrains.exposed.sql.Database
import org.jetbrains.exposed.sql.Transaction
import org.jetbrains.exposed.sql.transactions.experimental.newSuspendedTransaction

object DatabaseFactory {
    private lateinit var db: Database

    fun init(config: ApplicationConfig) {
        val hikari = HikariConfig().apply {
            jdbcUrl = config.property("db.url").getString()
            username = config.property("db.user").getString()
            password = config.property("db.password").getString()
            maximumPoolSize = config.property("db.poolSize").getString().toInt()
            isAutoCommit = false
            transactionIsolation = "TRANSACTION_READ_COMMITTED"
            validate()
        }
        db = Database.connect(HikariDataSource(hikari))
    }

    /**
     * Runs [block] in a suspended transaction so that nested suspend calls
     * (e.g. the tier rules engine) share the same transaction and structured
     * concurrency cancels the query when the call is cancelled.
     */
    suspend fun <T> dbQuery(block: suspend Transaction.() -> T): T =
        newSuspendedTransaction(Dispatchers.Default, db) { block() }
}
