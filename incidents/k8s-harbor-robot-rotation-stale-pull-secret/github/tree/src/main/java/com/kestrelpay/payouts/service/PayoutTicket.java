package com.kestrelpay.payouts.service;

public record PayoutTicket(String payoutId, String status) {
}
