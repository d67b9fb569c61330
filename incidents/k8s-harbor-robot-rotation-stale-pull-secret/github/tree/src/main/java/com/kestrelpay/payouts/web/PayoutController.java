package com.kestrelpay.payouts.web;

import com.kestrelpay.payouts.service.PayoutRequest;
import com.kestrelpay.payouts.service.PayoutService;
import com.kestrelpay.payouts.service.PayoutTicket;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PayoutController {

    private final PayoutService payouts;

    public PayoutController(PayoutService payouts) {
        this.payouts = payouts;
    }

    @PostMapping("/v1/payouts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public PayoutTicket create(@RequestHeader("Idempotency-Key") String idempotencyKey,
                               @RequestBody PayoutRequest request) {
        request.validate();
        return payouts.submit(idempotencyKey, request);
    }
}
