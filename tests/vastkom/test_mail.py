"""The site's SMTP backend, against a real SMTP server on loopback."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import EmailMessage

from vastkom.core.mail import SMTPBackend


class Recorder:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    yield recorder, port
    controller.stop()


def test_backend_delivers_each_message_with_its_own_envelope_over_one_connection(smtp_server):
    recorder, port = smtp_server
    backend = SMTPBackend(host="127.0.0.1", port=port, use_tls=False, username="", password="")
    messages = [
        EmailMessage("Hej", "Första", "VästKom <noreply@vastkom.se>", ["anna@example.se"]),
        EmailMessage("Hej", "Andra", "VästKom <noreply@vastkom.se>", ["Åsa Öberg <asa@example.se>"]),
    ]

    assert backend.send_messages(messages) == 2

    assert [e.mail_from for e in recorder.envelopes] == ["noreply@vastkom.se", "noreply@vastkom.se"]
    assert [e.rcpt_tos for e in recorder.envelopes] == [["anna@example.se"], ["asa@example.se"]]
    assert b"Andra" in recorder.envelopes[1].content
