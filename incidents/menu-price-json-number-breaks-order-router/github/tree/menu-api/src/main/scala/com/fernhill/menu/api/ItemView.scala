package com.fernhill.menu.api

import com.fernhill.menu.domain.{Menu, MenuItem}
import io.circe.Encoder
import io.circe.generic.semiauto.deriveEncoder

import scala.math.BigDecimal.RoundingMode

/** Public JSON shape of a menu item, as served by GET /v2/stores/{storeId}/menus/{menuId}. */
final case class ItemView(
    id: String,
    name: String,
    category: String,
    price: BigDecimal,
    currency: String,
    available: Boolean,
    allergens: List[String]
)

object ItemView {
  def from(item: MenuItem): ItemView =
    ItemView(
      id = item.id.value,
      name = item.name,
      category = item.category,
      price = item.price.setScale(2, RoundingMode.HALF_EVEN),
      currency = item.currency.getCurrencyCode,
      available = item.available,
      allergens = item.allergens.toList.sorted
    )

  implicit val encoder: Encoder[ItemView] = deriveEncoder[ItemView]
}

final case class MenuView(menuId: String, storeId: String, version: Long, items: List[ItemView])

object MenuView {
  def from(menu: Menu): MenuView =
    MenuView(menu.menuId, menu.storeId, menu.version, menu.items.map(ItemView.from).toList)

  implicit val encoder: Encoder[MenuView] = deriveEncoder[MenuView]
}
