package com.copperleaf.origination.http

/** Names of the headers we send to other services, in one place. */
object OutboundHeaders {
    const val REQUEST_ID = "X-Request-Id"
    const val API_KEY = "X-API-Token"
    const val TENANT = "X-Tenant"
}
