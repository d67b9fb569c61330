package com.kestrelpay.payout.bank

import com.kestrelpay.payout.BankConfig
import io.ktor.client.HttpClient
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import kotlinx.coroutines.test.runTest
import kotlin.test.Test
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class BankClientTest {
    private val cfg = BankConfig(baseUrl = "https://bank.test/payments", clientId = "test", timeoutMs = 1_000)

    private fun client(status: HttpStatusCode, body: String) =
        BankClient(cfg, HttpClient(MockEngine { respond(body, status) }), TokenSource.fixed("t"))

    @Test
    fun `409 is a duplicate`() = runTest {
        val r = client(HttpStatusCode.Conflict, "{}").submitTransfer(TransferRequest.sample())
        assertTrue(r.duplicate)
    }

    @Test
    fun `422 raises BankApiException`() = runTest {
        assertFailsWith<BankApiException> {
            client(HttpStatusCode.UnprocessableEntity, "{\"error\":\"invalid_iban\"}").submitTransfer(TransferRequest.sample())
        }
    }
}
