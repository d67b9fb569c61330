package com.fernhill.menu.api

import com.fernhill.menu.domain.{ItemId, MenuItem}
import io.circe.syntax._
import org.scalatest.funsuite.AnyFunSuite

import java.util.Currency

class ItemViewSpec extends AnyFunSuite {
  private val item = MenuItem(
    ItemId("itm_01"),
    "Halloumi wrap",
    "wraps",
    BigDecimal("8.5"),
    Currency.getInstance("GBP"),
    available = true,
    Set("milk", "gluten")
  )

  test("price is rendered with two decimals") {
    val json = ItemView.from(item).asJson
    assert(json.hcursor.downField("price").as[BigDecimal] == Right(BigDecimal("8.50")))
    assert(json.hcursor.downField("price").focus.exists(_.isNumber))
  }

  test("allergens are sorted") {
    assert(ItemView.from(item).allergens == List("gluten", "milk"))
  }
}
