package com.fernhill.menu.api

import akka.http.scaladsl.model.StatusCodes
import akka.http.scaladsl.model.headers.CacheDirectives.{`max-age`, public}
import akka.http.scaladsl.model.headers.`Cache-Control`
import akka.http.scaladsl.server.Directives._
import akka.http.scaladsl.server.Route
import com.fernhill.menu.store.MenuStore
import de.heikoseeberger.akkahttpcirce.FailFastCirceSupport._
import org.slf4j.LoggerFactory

import scala.util.{Failure, Success}

class MenuRoutes(store: MenuStore, maxAgeSeconds: Long) {
  private val log = LoggerFactory.getLogger(getClass)

  val routes: Route =
    pathPrefix("v2" / "stores" / Segment / "menus" / Segment) { (storeId, menuId) =>
      get {
        onComplete(store.find(storeId, menuId)) {
          case Success(Some(menu)) =>
            respondWithHeader(`Cache-Control`(public, `max-age`(maxAgeSeconds))) {
              complete(MenuView.from(menu))
            }
          case Success(None)       => complete(StatusCodes.NotFound)
          case Failure(e) =>
            log.error(s"menu lookup failed store=$storeId menu=$menuId", e)
            complete(StatusCodes.ServiceUnavailable)
        }
      }
    }
}
