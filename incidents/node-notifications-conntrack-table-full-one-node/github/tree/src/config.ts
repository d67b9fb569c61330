export const config = {
  outbound: {
    connectTimeoutMs: Number(process.env.OUTBOUND_CONNECT_TIMEOUT_MS ?? 5_000),
    headersTimeoutMs: Number(process.env.OUTBOUND_HEADERS_TIMEOUT_MS ?? 15_000),
    bodyTimeoutMs: Number(process.env.OUTBOUND_BODY_TIMEOUT_MS ?? 15_000),
  },
  providers: {
    apns: "https://api.push.apple.com",
    fcm: "https://fcm.googleapis.com",
    sendgrid: "https://api.sendgrid.com",
    twilio: "https://api.twilio.com",
  },
};
