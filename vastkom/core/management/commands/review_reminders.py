from django.core.management.base import BaseCommand

from vastkom.core.reviewdates import review_reminders_send
from vastkom.core.tasks import review_reminders_task


class Command(BaseCommand):
    help = (
        "Skickar påminnelser om sidor som skulle ha setts över: till varje ansvarig, och sidor utan aktiv "
        "ansvarig till adressen i DJANGO_REVIEW_FALLBACK_EMAIL. Kör från cron en gång i veckan "
        "(--enqueue: låt en arbetare skicka)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="lägg jobbet i kön i stället för att skicka nu")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = review_reminders_task.enqueue()
            self.stdout.write(f"Köat: {result.id}")
            return
        report = review_reminders_send()
        self.stdout.write(
            f"Påminnelser: {report.owners} ansvariga ({report.pages} sidor), "
            f"{report.fallback_pages} sidor till reservadressen"
            + (
                f", {report.unsent_pages} sidor utan mottagare (sätt DJANGO_REVIEW_FALLBACK_EMAIL)"
                if report.unsent_pages
                else ""
            )
        )
