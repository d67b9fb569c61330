plugins {
    kotlin("jvm") version "2.0.20"
    kotlin("plugin.serialization") version "2.0.20"
    id("io.ktor.plugin") version "2.3.12"
}

group = "com.kestrelpay"
version = "3.7.0"

application {
    mainClass.set("com.kestrelpay.payout.ApplicationKt")
}

repositories {
    mavenCentral()
}

dependencies {
    implementation("io.ktor:ktor-server-netty-jvm")
    implementation("io.ktor:ktor-server-content-negotiation-jvm")
    implementation("io.ktor:ktor-serialization-kotlinx-json-jvm")
    implementation("io.ktor:ktor-client-cio-jvm")
    implementation("io.ktor:ktor-client-content-negotiation-jvm")
    implementation("org.apache.kafka:kafka-clients:3.8.0")
    implementation("ch.qos.logback:logback-classic:1.5.8")
    implementation("io.micrometer:micrometer-registry-prometheus:1.13.4")
    testImplementation("io.ktor:ktor-server-test-host-jvm")
    testImplementation("io.ktor:ktor-client-mock-jvm")
    testImplementation(kotlin("test"))
}

kotlin {
    jvmToolchain(21)
}
