"""A real SMTP server for the sending tests and the bench (aiosmtpd on a free local port):
it keeps each message it accepted, and can hold the n-th before answering, so a test can
stop a worker in the middle of the SMTP conversation."""

import asyncio
import email
import email.policy
import logging
import socket
import threading

from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self, *, hold_at=None, record_before_hold=True, refuse=None, parse=True):
        self.messages = []
        self.count = 0
        self.hold_at = hold_at
        self.record_before_hold = record_before_hold
        self.held = threading.Event()
        self.release = threading.Event()
        self.refuse = refuse or {}  # address -> (code, text), refused at RCPT
        self.parse = parse
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            code, text = self.refuse[address]
            return f"{code} {text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        holding = self.hold_at is not None and number == self.hold_at
        if not holding or self.record_before_hold:
            self._record(envelope)
        if holding:
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
            return "421 Going away"
        return "250 Message accepted"

    def _record(self, envelope):
        if self.parse:
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        else:
            message = None
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))

    def recipients(self):
        with self.lock:
            return [r for tos, _ in self.messages for r in tos]

    def message_ids(self):
        with self.lock:
            return [m["Message-ID"] for _, m in self.messages if m is not None]


class Sink:
    def __init__(self, **handler_options):
        self.handler = Handler(**handler_options)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.handler.release.set()
        self.controller.stop()
