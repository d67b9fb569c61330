export class CorvapayApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string,
  ) {
    super(`Corvapay API ${status} ${code}: ${message} (request_id=${requestId})`);
    this.name = 'CorvapayApiError';
  }

  get retryable(): boolean {
    return this.status >= 500 || this.status === 429;
  }
}

export class CorvapayTimeoutError extends Error {
  constructor(method: string, path: string, timeoutMs: number, options?: ErrorOptions) {
    super(`Corvapay ${method} ${path} timed out after ${timeoutMs} ms`, options);
    this.name = 'CorvapayTimeoutError';
  }

  readonly retryable = true;
}
