package com.fernhill.orders.pricing

import com.fernhill.orders.http.OrderLine
import com.fernhill.orders.menu.MenuDto

import scala.math.BigDecimal.RoundingMode

final case class PricedLine(itemId: String, quantity: Int, unitPrice: BigDecimal, total: BigDecimal)
final case class PricedCart(lines: List[PricedLine], currency: String, total: BigDecimal)

final case class UnknownItemException(itemId: String) extends RuntimeException(s"item $itemId not on menu")

object CartPricer {
  def price(menu: MenuDto, lines: List[OrderLine]): Either[Throwable, PricedCart] = {
    val priced = lines.map { l =>
      menu.item(l.itemId) match {
        case Some(i) if i.available =>
          Right(PricedLine(l.itemId, l.quantity, i.unitPrice, (i.unitPrice * l.quantity).setScale(2, RoundingMode.HALF_EVEN)))
        case _ => Left(UnknownItemException(l.itemId))
      }
    }
    priced.collectFirst { case Left(e) => e } match {
      case Some(e) => Left(e)
      case None =>
        val ok       = priced.collect { case Right(p) => p }
        val currency = menu.items.headOption.map(_.currency.getCurrencyCode).getOrElse("GBP")
        Right(PricedCart(ok, currency, ok.map(_.total).sum))
    }
  }
}
