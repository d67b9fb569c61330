package com.fernhill.orders.http

import akka.http.scaladsl.model.StatusCodes
import akka.http.scaladsl.model.headers.`Retry-After`
import akka.http.scaladsl.server.Directives._
import akka.http.scaladsl.server.Route
import com.fernhill.orders.menu.{MenuClient, MenuDecodeException, MenuUnavailableException}
import com.fernhill.orders.pricing.CartPricer
import com.fernhill.orders.store.OrderStore
import de.heikoseeberger.akkahttpcirce.FailFastCirceSupport._
import io.circe.generic.auto._
import org.slf4j.LoggerFactory

import scala.util.{Failure, Success}

final case class OrderLine(itemId: String, quantity: Int)
final case class CreateOrder(storeId: String, menuId: String, customerId: String, lines: List[OrderLine])
final case class ApiError(code: String, message: String)

class OrderRoutes(menus: MenuClient, orders: OrderStore) {
  private val log = LoggerFactory.getLogger(getClass)

  val routes: Route =
    path("v1" / "orders") {
      post {
        entity(as[CreateOrder]) { req =>
          val result = for {
            menu  <- menus.fetchMenu(req.storeId, req.menuId)
            cart  <- CartPricer.price(menu, req.lines).fold(scala.concurrent.Future.failed, scala.concurrent.Future.successful)
            saved <- orders.create(req.customerId, req.storeId, cart)
          } yield saved
          onComplete(result) {
            case Success(order) => complete(StatusCodes.Created, order)
            case Failure(e @ (_: MenuDecodeException | _: MenuUnavailableException)) =>
              log.error(s"order creation failed store=${req.storeId} menu=${req.menuId}", e)
              respondWithHeader(`Retry-After`(15L)) {
                complete(StatusCodes.ServiceUnavailable, ApiError("menu_unavailable", "menu could not be loaded"))
              }
            case Failure(e) =>
              log.error(s"order creation failed store=${req.storeId}", e)
              complete(StatusCodes.InternalServerError, ApiError("internal", "unexpected error"))
          }
        }
      }
    }
}
