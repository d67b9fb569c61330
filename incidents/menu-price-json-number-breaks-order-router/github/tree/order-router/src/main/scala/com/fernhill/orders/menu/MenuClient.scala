package com.fernhill.orders.menu

import akka.actor.typed.ActorSystem
import akka.http.scaladsl.HttpExt
import akka.http.scaladsl.model.Uri.Path
import akka.http.scaladsl.model.{HttpRequest, StatusCodes, Uri}
import akka.http.scaladsl.unmarshalling.Unmarshal
import io.circe.parser.decode
import org.slf4j.LoggerFactory

import scala.concurrent.{ExecutionContext, Future}

final case class MenuDecodeException(menuId: String, cause: io.circe.Error)
    extends RuntimeException(s"menu $menuId could not be decoded: ${cause.getMessage}", cause)

final case class MenuUnavailableException(menuId: String, status: Int)
    extends RuntimeException(s"menu-api answered $status for menu $menuId")

class MenuClient(baseUri: Uri, http: HttpExt)(implicit system: ActorSystem[_]) {
  private val log                           = LoggerFactory.getLogger(getClass)
  implicit private val ec: ExecutionContext = system.executionContext

  def fetchMenu(storeId: String, menuId: String): Future[MenuDto] = {
    val request = HttpRequest(uri = baseUri.withPath(Path(s"/v2/stores/$storeId/menus/$menuId")))
    http.singleRequest(request).flatMap { response =>
      response.status match {
        case StatusCodes.OK =>
          Unmarshal(response.entity).to[String].flatMap { body =>
            decode[MenuDto](body) match {
              case Right(menu) =>
                log.debug(s"menu $menuId v${menu.version} decoded, ${menu.items.size} items")
                Future.successful(menu)
              case Left(err) =>
                log.error(
                  s"menu-api response for menu $menuId could not be decoded: store=$storeId bytes=${body.length} failure=${err.getMessage}"
                )
                Future.failed(MenuDecodeException(menuId, err))
            }
          }
        case other =>
          response.discardEntityBytes()
          Future.failed(MenuUnavailableException(menuId, other.intValue))
      }
    }
  }
}
