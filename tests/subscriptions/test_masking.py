"""No e-mail address in clear in the worker's output, a traceback, or a stored error."""

import logging

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from subscriptions.models import Subscriber
from tests.processes import Mailbox, mail_env, manage, smtp_server, stop, wait_for
from vastkom.core.privacy import MaskEmailAddresses, mask_addresses

REFUSED = "reject.me@example.se"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_550_at_sign_up_leaves_no_address_in_the_worker_output_or_the_task_result(client, tmp_path):
    """The worker once printed "SMTPRecipientsRefused: {'reject.me@example.se': ...}" and stored it."""
    form = {"email": REFUSED, "follow": "alla", "frequency": "immediate", "consent": "on"}
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        assert client.post("/prenumeration/", form).status_code == 302
    log = tmp_path / "worker.log"
    mailbox = Mailbox(refuse={REFUSED})
    with smtp_server(mailbox) as port:
        worker = manage(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", log_path=log,
            DJANGO_TASKS_BACKEND="django_tasks_db.DatabaseBackend", **mail_env(port),
        )  # fmt: skip
        try:
            assert wait_for(lambda: worker.poll() is not None, 60)
        finally:
            stop(worker)
    output = log.read_text()
    stored = list(DBTaskResult.objects.values_list("traceback", "return_value"))

    assert "SMTPRecipientsRefused" in output  # the failure was logged, with its traceback
    assert "re***@example.se" in output
    assert REFUSED not in output
    assert any("SMTPRecipientsRefused" in traceback for traceback, _ in stored)
    assert REFUSED not in repr(stored)
    assert Subscriber.objects.get().email == REFUSED  # the address itself is kept, only logs are masked


def test_the_log_filter_masks_message_arguments_and_tracebacks():
    handler_output = []

    class ListHandler(logging.Handler):
        def emit(self, record):
            handler_output.append(self.format(record))

    handler = ListHandler()
    handler.addFilter(MaskEmailAddresses())
    logger = logging.getLogger("tests.masking")
    logger.addHandler(handler)
    try:
        logger.warning("Refused %s", "anna.berg@example.se")
        try:
            raise RuntimeError({"kalle@example.se": (550, b"5.1.1 <kalle@example.se>: unknown")})
        except RuntimeError:
            logger.exception("Send failed")
    finally:
        logger.removeHandler(handler)
    text = "\n".join(handler_output)
    assert "anna.berg@example.se" not in text and "an***@example.se" in text
    assert "kalle@example.se" not in text and "ka***@example.se" in text


def test_addresses_in_urls_and_brackets_are_masked_too():
    assert mask_addresses("GET /?email=anna%40example.se&x=1") == "GET /?email=an***@example.se&x=1"
    assert mask_addresses("<Åsa.Öberg@kommun.example.se>") == "<Ås***@kommun.example.se>"
    assert mask_addresses("postgres://u:p@127.0.0.1:5432/db") == "postgres://u:p@127.0.0.1:5432/db"
