ThisBuild / scalaVersion := "2.13.14"
ThisBuild / organization := "com.kestrelpay"

val doobieVersion = "1.0.0-RC5"
val http4sVersion = "0.23.27"

lazy val root = (project in file("."))
  .settings(
    name := "payouts-service",
    libraryDependencies ++= Seq(
      "org.http4s"     %% "http4s-ember-server" % http4sVersion,
      "org.http4s"     %% "http4s-circe"        % http4sVersion,
      "org.http4s"     %% "http4s-dsl"          % http4sVersion,
      "org.tpolecat"   %% "doobie-core"         % doobieVersion,
      "org.tpolecat"   %% "doobie-hikari"       % doobieVersion,
      "org.tpolecat"   %% "doobie-postgres"     % doobieVersion,
      "org.flywaydb"    % "flyway-database-postgresql" % "10.15.0",
      "org.typelevel"  %% "log4cats-slf4j"      % "2.7.0",
      "ch.qos.logback"  % "logback-classic"     % "1.5.6"
    )
  )
