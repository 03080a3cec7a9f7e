from django.core.management.base import BaseCommand

from subscriptions import conf, services


class Command(BaseCommand):
    help = "Raderar anmälningar som aldrig bekräftats (äldre än SUBSCRIPTIONS_PENDING_RETENTION). Kör dagligen."

    def handle(self, *args, **options):
        count = services.subscribers_purge_unconfirmed()
        self.stdout.write(f"raderade {count} obekräftade anmälningar (äldre än {conf.pending_retention().days} dagar)")
