package com.fernhill.menu.domain

import java.util.Currency

final case class ItemId(value: String) extends AnyVal

final case class MenuItem(
    id: ItemId,
    name: String,
    category: String,
    price: BigDecimal,
    currency: Currency,
    available: Boolean,
    allergens: Set[String]
)

final case class Menu(menuId: String, storeId: String, version: Long, items: Vector[MenuItem])
