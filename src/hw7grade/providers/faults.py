"""SDK exceptions -> our three outcomes: retry, fix your key/quota, or give up.

The OpenAI and Anthropic SDKs share one exception shape (APIStatusError with `status_code`,
`body` and `response`; APIConnectionError; APITimeoutError; APIError), so one function serves
both: it is handed the SDK module. The SDK's own text is never reused, only the status and the
server's message, scrubbed of keys.
"""

from __future__ import annotations

import email.utils
import time
from types import ModuleType
from typing import Mapping

from ..errors import AuthError, Hw7gradeError, ProviderError, UsageError
from .base import RetryableError, server_message

RETRYABLE_STATUS = frozenset({408, 409, 425, 429})
"""Plus every 5xx (including Anthropic's 529 overloaded)."""
QUOTA_MARKERS = ("insufficient_quota", "billing_error", "credit balance")


def classify(exc: BaseException, sdk: ModuleType, label: str, key_env: str, timeout_s: float) -> Hw7gradeError:
    """Map one SDK (or transport) exception to the error the retry loop and the CLI act on."""
    import httpx2

    if isinstance(exc, sdk.APIStatusError):
        return _from_status(exc, label, key_env)
    if isinstance(exc, (sdk.APITimeoutError, httpx2.TimeoutException)):
        return RetryableError(f"{label} did not answer within the {timeout_s:g}s timeout.")
    if isinstance(exc, (sdk.APIConnectionError, httpx2.TransportError)):
        return RetryableError(f"The connection to {label} failed or dropped midway.")
    if isinstance(exc, sdk.APIError):
        # A 200 stream that carried an error event instead of the rest of the answer.
        return RetryableError(f"{label}'s stream broke midway ({server_message(exc.body, 'error event')}).")
    return ProviderError(f"{label} request failed ({exc.__class__.__name__}).")


def _from_status(exc, label: str, key_env: str) -> Hw7gradeError:
    status: int = exc.status_code
    body = exc.body
    message = server_message(body, f"HTTP {status}")
    if _is_quota(status, body):
        return AuthError(
            f"{label} says the account has no quota or credit left ({message}); add credit or use another key."
        )
    if status == 401:
        return AuthError(f"{label} rejected the API key (401); check {key_env}.")
    if status == 403:
        return AuthError(f"{label} refused access (403: {message}); check that {key_env} may use this model.")
    if status < 400:
        return RetryableError(f"{label}'s stream broke midway ({message}).")
    if status in RETRYABLE_STATUS or status >= 500:
        return RetryableError(f"{label} answered {status} ({message}).", retry_after_s(exc.response.headers))
    if status == 404:
        return UsageError(f"{label} does not know this model or endpoint (404: {message}); see `hw7grade models`.")
    return ProviderError(f"{label} rejected the request ({status}: {message}).")


def _is_quota(status: int, body: object) -> bool:
    if status == 402:
        return True
    if status not in (400, 403, 429):
        return False
    error = body.get("error", body) if isinstance(body, dict) else body
    fields = [error.get(k) for k in ("code", "type", "message")] if isinstance(error, dict) else [error]
    return any(isinstance(f, str) and any(m in f.lower() for m in QUOTA_MARKERS) for f in fields)


def retry_after_s(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """`retry-after-ms`, else `retry-after` as seconds or an HTTP date; None when absent or bad."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
