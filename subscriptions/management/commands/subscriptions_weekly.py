import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from subscriptions import services


class Command(BaseCommand):
    help = (
        "Köar och skickar veckosammanfattningen för förra veckan (eller --week YYYY-MM-DD). "
        "Kör från cron på måndagsmorgonen; en andra körning skickar ingenting två gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument("--week", type=dt.date.fromisoformat, help="en dag i veckan som ska sammanfattas")

    def handle(self, *args, week=None, **options):
        week = week or timezone.localdate() - dt.timedelta(days=7)
        queued = services.digest_fan_out(week=week)
        report = services.notices_deliver()
        self.stdout.write(f"vecka {services.week_start(week)}: köade {queued}, skickade {report.sent}")
