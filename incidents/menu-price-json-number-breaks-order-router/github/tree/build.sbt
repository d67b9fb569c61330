ThisBuild / scalaVersion := "2.13.14"
ThisBuild / organization := "com.fernhill"
ThisBuild / version := sys.env.getOrElse("RELEASE_VERSION", "0.0.0-SNAPSHOT")

val akkaVersion     = "2.8.5"
val akkaHttpVersion = "10.5.3"
val circeVersion    = "0.14.9"
val logbackVersion  = "1.5.6"

lazy val commonSettings = Seq(
  scalacOptions ++= Seq("-deprecation", "-feature", "-Xlint", "-Wunused:imports"),
  libraryDependencies ++= Seq(
    "com.typesafe.akka" %% "akka-actor-typed"          % akkaVersion,
    "com.typesafe.akka" %% "akka-stream"               % akkaVersion,
    "com.typesafe.akka" %% "akka-http"                 % akkaHttpVersion,
    "de.heikoseeberger" %% "akka-http-circe"           % "1.39.2",
    "io.circe"          %% "circe-core"                % circeVersion,
    "io.circe"          %% "circe-generic"             % circeVersion,
    "io.circe"          %% "circe-parser"              % circeVersion,
    "ch.qos.logback"     % "logback-classic"           % logbackVersion,
    "net.logstash.logback" % "logstash-logback-encoder" % "7.4",
    "org.scalatest"     %% "scalatest"                 % "3.2.19" % Test,
    "com.typesafe.akka" %% "akka-http-testkit"         % akkaHttpVersion % Test,
    "com.typesafe.akka" %% "akka-actor-testkit-typed"  % akkaVersion % Test
  )
)

lazy val root = (project in file("."))
  .aggregate(menuApi, orderRouter)
  .settings(publish / skip := true)

lazy val menuApi = (project in file("menu-api"))
  .enablePlugins(JavaAppPackaging, DockerPlugin)
  .settings(commonSettings)
  .settings(
    name := "menu-api",
    libraryDependencies += "org.postgresql" % "postgresql" % "42.7.3"
  )

lazy val orderRouter = (project in file("order-router"))
  .enablePlugins(JavaAppPackaging, DockerPlugin)
  .settings(commonSettings)
  .settings(name := "order-router")
