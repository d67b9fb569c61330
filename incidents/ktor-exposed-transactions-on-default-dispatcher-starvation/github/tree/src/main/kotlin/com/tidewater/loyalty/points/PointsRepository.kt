package com.tidewater.loyalty.points

import com.tidewater.loyalty.db.DatabaseFactory.dbQuery
import org.jetbrains.exposed.sql.SortOrder
import org.jetbrains.exposed.sql.select
import org.jetbrains.exposed.sql.sum

class PointsRepository {

    suspend fun balance(memberId: Long): PointsBalance = dbQuery {
        val earned = LedgerTable.slice(LedgerTable.points.sum())
            .select { (LedgerTable.memberId eq memberId) and (LedgerTable.expired eq false) }
            .single()[LedgerTable.points.sum()] ?: 0L
        val pending = PendingTable.select { PendingTable.memberId eq memberId }.count()
        PointsBalance(memberId, earned, pending)
    }

    suspend fun history(memberId: Long, limit: Int): List<LedgerEntry> = dbQuery {
        LedgerTable.select { LedgerTable.memberId eq memberId }
            .orderBy(LedgerTable.createdAt, SortOrder.DESC)
            .limit(limit)
            .map(LedgerEntry::fromRow)
    }
}
