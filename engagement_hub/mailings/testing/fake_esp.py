"""A fake Mailgun HTTP API on 127.0.0.1 for tests and the bench (no pytest needed).

It runs in a thread of the process that starts it; worker subprocesses reach it
over HTTP (point ``ANYMAIL["MAILGUN_API_URL"]`` at :attr:`FakeESP.api_url`), and it
records every accepted message per recipient where that process can read it.

Scripted errors per address (``esp.script(address, TRANSIENT_ONCE)``): like Mailgun,
a request fails as a whole when any recipient in it fails.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

TRANSIENT_ONCE = "transient_once"  # 503 on the first attempt, then accepted
TRANSIENT_FOREVER = "transient_forever"  # always 503
PERMANENT = "permanent"  # always 400 (invalid recipient)
PLACEHOLDER = re.compile(r"%recipient\.([^%]+)%")


@dataclass
class Accepted:
    """One message as one recipient gets it."""

    to: str
    visible_to: list[str]
    subject: str
    headers: dict[str, str]
    message_id: str
    variables: dict[str, str]
    text: str = ""
    html: str = ""
    user_variables: dict[str, str] = field(default_factory=dict)
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    accepted_at: float = 0.0


@dataclass
class _State:
    messages: list[Accepted] = field(default_factory=list)
    per_recipient: Counter = field(default_factory=Counter)
    attempts: Counter = field(default_factory=Counter)
    scripts: dict[str, str] = field(default_factory=dict)
    calls: int = 0
    failed_calls: int = 0
    lookups: int = 0


class FakeESP:
    """``with FakeESP() as esp:`` serves a Mailgun-like API until the block ends."""

    def __init__(self, *, keep_bodies: bool = True, latency: float = 0.0):
        self.keep_bodies = keep_bodies
        self.latency = latency
        self.state = _State()
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self._trigger: tuple[int, object] | None = None
        self.thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------
    def start(self) -> FakeESP:
        handler = type("Handler", (_Handler,), {"esp": self})
        self.server = _Server(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def __enter__(self) -> FakeESP:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def api_url(self) -> str:
        if self.server is None:
            raise RuntimeError("start() the fake ESP first")
        return f"http://127.0.0.1:{self.server.server_address[1]}/v3"

    def anymail_settings(self) -> dict:
        """ANYMAIL settings that send to this fake."""
        return {"MAILGUN_API_KEY": "fake-key", "MAILGUN_API_URL": self.api_url}

    def environment(self) -> dict:
        """The same, as environment variables for worker processes."""
        return {
            "ENGAGEMENT_HUB_MAIL_BACKEND": "anymail.backends.mailgun.EmailBackend",
            "ANYMAIL_MAILGUN_API_KEY": "fake-key",
            "ANYMAIL_MAILGUN_API_URL": self.api_url,
        }

    # -- scripting and reading -----------------------------------------------------
    def script(self, address: str, behaviour: str) -> None:
        with self.lock:
            self.state.scripts[address.lower()] = behaviour

    def when_accepted(self, count: int, callback) -> None:
        """Call ``callback()`` once ``count`` messages are accepted, before the
        answer goes out: the worst moment for a crash (accepted, not yet saved)."""
        self._trigger = (count, callback)

    def accepted_count(self) -> int:
        with self.lock:
            return len(self.state.messages)

    def messages(self) -> list[Accepted]:
        with self.lock:
            return list(self.state.messages)

    def count_for(self, address: str) -> int:
        with self.lock:
            return self.state.per_recipient[address.lower()]

    def per_recipient(self) -> Counter:
        with self.lock:
            return Counter(self.state.per_recipient)

    def attempts_for(self, address: str) -> int:
        with self.lock:
            return self.state.attempts[address.lower()]

    @property
    def calls(self) -> int:
        return self.state.calls

    def events(self, params: dict[str, str]) -> list[dict]:
        """Accepted events like Mailgun's events API returns them."""
        if params.get("event", "accepted") != "accepted":
            return []
        recipient = params.get("recipient", "").lower()
        begin = float(params.get("begin") or 0)
        with self.lock:
            self.state.lookups += 1
            return [
                {
                    "event": "accepted",
                    "recipient": message.to,
                    "timestamp": message.accepted_at,
                    "user-variables": message.user_variables,
                    "message": {
                        "headers": {"message-id": message.message_id.strip("<>")}
                    },
                }
                for message in self.state.messages
                if (not recipient or message.to == recipient)
                and message.accepted_at >= begin
            ]

    # -- the API -------------------------------------------------------------------
    def handle_send(self, form: dict[str, list[str]]) -> tuple[int, dict]:
        if self.latency:
            time.sleep(self.latency)
        recipients = [_address(value) for value in form.get("to", [])]
        with self.lock:
            self.state.calls += 1
            error = self._scripted_error(recipients)
            if error:
                self.state.failed_calls += 1
                return error
            message_id = f"<{uuid.uuid4().hex}@fake-esp.example>"
            for message in self._expand(form, recipients, message_id):
                self.state.messages.append(message)
                self.state.per_recipient[message.to] += 1
            trigger = self._trigger
            if trigger and len(self.state.messages) >= trigger[0]:
                self._trigger = None
            else:
                trigger = None
        if trigger:
            trigger[1]()
        return 200, {"id": message_id, "message": "Queued. Thank you."}

    def _scripted_error(self, recipients: list[str]) -> tuple[int, dict] | None:
        status = None
        for address in recipients:
            behaviour = self.state.scripts.get(address)
            if behaviour is None:
                continue
            self.state.attempts[address] += 1
            if behaviour == PERMANENT:
                status = 400
            elif behaviour == TRANSIENT_FOREVER or (
                behaviour == TRANSIENT_ONCE and self.state.attempts[address] == 1
            ):
                status = status or 503
        if status is None:
            return None
        return status, {"message": f"scripted error {status}"}

    def _expand(self, form, recipients, message_id) -> list[Accepted]:
        variables = json.loads(form.get("recipient-variables", ["{}"])[0] or "{}")
        batch = "recipient-variables" in form
        headers = {
            key[2:]: values[0] for key, values in form.items() if key.startswith("h:")
        }
        user = {
            key[2:]: values[0] for key, values in form.items() if key.startswith("v:")
        }
        files = form.get("_attachments", [])
        now = time.time()
        result = []
        for address in recipients:
            own = {k: str(v) for k, v in variables.get(address, {}).items()}

            def fill(text: str, own=own) -> str:
                return PLACEHOLDER.sub(lambda m: own.get(m.group(1), ""), text)

            result.append(
                Accepted(
                    to=address,
                    visible_to=[address] if batch else recipients,
                    subject=fill(form.get("subject", [""])[0]),
                    headers={key: fill(value) for key, value in headers.items()},
                    message_id=message_id,
                    variables=own,
                    text=fill(form.get("text", [""])[0]) if self.keep_bodies else "",
                    html=fill(form.get("html", [""])[0]) if self.keep_bodies else "",
                    user_variables={key: fill(value) for key, value in user.items()},
                    attachments=list(files),
                    accepted_at=now,
                )
            )
        return result


def _multipart(body: bytes, content_type: str) -> dict[str, list]:
    """Form fields of a multipart body; files go to ``_attachments``."""
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    form: dict[str, list] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename or name in ("attachment", "inline"):
            form.setdefault("_attachments", []).append(
                (filename or "", payload, part.get_content_type())
            )
        else:
            charset = part.get_content_charset() or "utf-8"
            form.setdefault(name, []).append(payload.decode(charset))
    return form


def _address(value: str) -> str:
    match = re.search(r"<([^>]+)>", value)
    return (match.group(1) if match else value).strip().lower()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client killed mid-request (the kill test does that) is no error here."""


class _Handler(BaseHTTPRequestHandler):
    esp: FakeESP
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if not self.path.endswith("/messages"):
            self._reply(404, {"message": "not found"})
            return
        content_type = self.headers.get("Content-Type", "")
        if content_type.startswith("multipart/form-data"):
            form = _multipart(body, content_type)
        else:
            form = parse_qs(body.decode(), keep_blank_values=True)
        status, payload = self.esp.handle_send(form)
        self._reply(status, payload)

    def do_GET(self) -> None:
        """Mailgun's events API, as far as reconciliation needs it:
        ``GET /v3/<domain>/events?event=accepted&recipient=...&begin=<epoch>``."""
        path, _, query = self.path.partition("?")
        if not path.endswith("/events"):
            self._reply(404, {"message": "not found"})
            return
        params = {key: values[0] for key, values in parse_qs(query).items()}
        self._reply(200, {"items": self.esp.events(params), "paging": {}})

    def _reply(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args) -> None:
        """Quiet: tests read the recorded messages instead."""
