plugins {
    kotlin("jvm") version "2.0.0"
    id("io.ktor.plugin") version "2.3.11"
    kotlin("plugin.serialization") version "2.0.0"
}

group = "com.ostara.fare"
version = "3.21.0"

application {
    mainClass.set("com.ostara.fare.ApplicationKt")
}

repositories {
    mavenCentral()
}

dependencies {
    implementation("io.ktor:ktor-server-netty:2.3.12")
    implementation("io.ktor:ktor-server-content-negotiation:2.3.11")
    implementation("io.ktor:ktor-serialization-kotlinx-json:2.3.11")
    implementation("io.ktor:ktor-server-metrics-micrometer:2.3.11")
    implementation("io.micrometer:micrometer-registry-prometheus:1.13.1")
    implementation("io.lettuce:lettuce-core:6.3.2.RELEASE")
    implementation("ch.qos.logback:logback-classic:1.5.6")
    implementation("io.opentelemetry.instrumentation:opentelemetry-logback-mdc-1.0:2.6.0-alpha")
    testImplementation("io.ktor:ktor-server-test-host:2.3.11")
    testImplementation(kotlin("test"))
}
