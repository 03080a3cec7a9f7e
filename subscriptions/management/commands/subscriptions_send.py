from django.core.management.base import BaseCommand

from subscriptions import services


class Command(BaseCommand):
    help = (
        "Skickar det som väntar i utkorgen: nyheter som blivit synliga men inte skickats ut "
        "(t.ex. schemalagda), omförsök och utskick som en avbruten arbetare lämnat. Kör från cron "
        "var femte minut; säkert att köra samtidigt på flera maskiner."
    )

    def handle(self, *args, **options):
        articles = services.articles_due_fan_out()
        report = services.notices_deliver()
        self.stdout.write(
            f"nyheter: {articles}, skickade: {report.sent}, försöker igen: {report.retrying}, "
            f"misslyckade: {report.failed}, inte skickade: {report.cancelled}"
        )
