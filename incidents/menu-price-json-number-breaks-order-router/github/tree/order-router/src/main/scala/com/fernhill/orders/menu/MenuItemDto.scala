package com.fernhill.orders.menu

import io.circe.Decoder
import io.circe.generic.semiauto.deriveDecoder

import java.util.Currency
import scala.util.Try

/** What order-router needs from menu-api's item JSON. Unknown fields are ignored. */
final case class MenuItemDto(
    id: String,
    name: String,
    price: String,
    currency: Currency,
    available: Boolean
) {
  def unitPrice: BigDecimal = BigDecimal(price)
}

object MenuItemDto {
  implicit val currencyDecoder: Decoder[Currency] =
    Decoder.decodeString.emap { code =>
      if (code.length == 3 && code.forall(_.isUpper)) Try(Currency.getInstance(code)).toEither.left.map(_ => s"unknown currency code $code")
      else Left(s"unknown currency code $code")
    }

  implicit val decoder: Decoder[MenuItemDto] = deriveDecoder[MenuItemDto]
}

final case class MenuDto(menuId: String, storeId: String, version: Long, items: List[MenuItemDto]) {
  private lazy val byId = items.map(i => i.id -> i).toMap
  def item(id: String): Option[MenuItemDto] = byId.get(id)
}

object MenuDto {
  implicit val decoder: Decoder[MenuDto] = deriveDecoder[MenuDto]
}
