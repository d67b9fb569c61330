package com.kestrelpay.payouts.db

import cats.effect.IO
import cats.syntax.all._
import doobie._
import doobie.implicits._
import doobie.postgres.implicits._
import com.kestrelpay.payouts.model._

import org.typelevel.log4cats.Logger

import java.time.Instant
import scala.concurrent.duration._

final class PayoutRepository(xa: Transactor[IO])(implicit log: Logger[IO]) {

  private val SlowQuery = 2.seconds

  def pendingForMerchant(merchantId: MerchantId, cutoff: Instant): IO[List[Payout]] =
    sql"""
      SELECT id, merchant_id, amount_minor, currency, status, created_at, batch_id
      FROM payouts
      WHERE merchant_id = $merchantId
        AND status = 'pending'
        AND created_at < $cutoff
      ORDER BY created_at
    """.query[Payout].to[List].transact(xa).timed.flatMap { case (took, rows) =>
      log
        .warn(s"pending payouts query slow merchant=${merchantId.value} rows=${rows.size} took_ms=${took.toMillis}")
        .whenA(took > SlowQuery)
        .as(rows)
    }

  def markBatched(ids: List[Long], batchId: Long): IO[Int] =
    Update[(Long, Long)]("UPDATE payouts SET status = 'batched', batch_id = ? WHERE id = ?")
      .updateMany(ids.map(id => (batchId, id)))
      .transact(xa)

  def recentForMerchant(merchantId: MerchantId, limit: Int): IO[List[Payout]] =
    sql"""
      SELECT id, merchant_id, amount_minor, currency, status, created_at, batch_id
      FROM payouts
      WHERE merchant_id = $merchantId
      ORDER BY created_at DESC
      LIMIT $limit
    """.query[Payout].to[List].transact(xa)
}
