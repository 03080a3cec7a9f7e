"""``manage.py content_check``: the quality check over everything published, as a report.

Runs the same rules as the admin (``vastkom.core.quality``) over every published article and
topic page, refreshes the summary stored on each row (the change lists' column and filter),
checks the external links once each (``vastkom.core.linkcheck``: HEAD, then GET, short
timeout) and prints a report in Swedish. ``--mail`` sends it to the Publicerare group; run it
monthly from cron (README).
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article
from topics.models import Topic
from vastkom.core.editor.admin import PUBLISHER_GROUP
from vastkom.core.linkcheck import check_urls
from vastkom.core.quality import Severity, check_object, parse
from vastkom.core.richtext import clean_html, internal_hosts, is_external

CONTENT = [
    (Article, gettext_lazy("Nyhet"), gettext_lazy("Nyheter")),
    (Topic, gettext_lazy("Ämnessida"), gettext_lazy("Ämnessidor")),
]


def external_links(obj) -> set[str]:
    hosts = internal_hosts()
    found = set()
    for name in obj.QUALITY_RICH_FIELDS:
        for a in parse(clean_html(getattr(obj, name) or "")).iter("a"):
            href = a.attrs.get("href", "").strip()
            if href and is_external(href, hosts):
                found.add("https:" + href if href.startswith("//") else href)
    return found


class Command(BaseCommand):
    help = (
        "Kör kvalitetskontrollen på allt publicerat innehåll, kontrollerar externa länkar och skriver "
        "en rapport. Med --mail skickas rapporten till gruppen Publicerare."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-external", action="store_true", help="Kontrollera inte externa länkar.")
        parser.add_argument("--timeout", type=float, default=5.0, help="Sekunder per extern länk (standard 5).")
        parser.add_argument("--mail", action="store_true", help="Skicka rapporten till gruppen Publicerare.")

    def handle(self, *args, no_external=False, timeout=5.0, mail=False, **options):
        now = timezone.now()
        link_cache = {}
        counts = []
        findings = []  # (label, obj, report)
        used_by = defaultdict(list)
        totals = {Severity.ERROR: 0, Severity.WARNING: 0}
        for model, label, plural in CONTENT:
            checked = with_errors = with_warnings = 0
            for obj in model.objects.published(now).order_by("pk").iterator(chunk_size=200):
                report = check_object(obj, at=now, link_cache=link_cache)
                if obj.apply_quality_report(report):
                    model.objects.filter(pk=obj.pk).update(
                        **{name: getattr(obj, name) for name in obj.QUALITY_SUMMARY_FIELDS}
                    )
                checked += 1
                with_errors += bool(report.errors)
                with_warnings += bool(report.warnings)
                totals[Severity.ERROR] += len(report.errors)
                totals[Severity.WARNING] += len(report.warnings)
                if report.issues:
                    findings.append((label, obj, report))
                for url in external_links(obj):
                    used_by[url].append((label, obj))
            counts.append(
                _("%(plural)s: %(checked)s kontrollerade, %(errors)s med fel, %(warnings)s med varningar.")
                % {"plural": plural, "checked": checked, "errors": with_errors, "warnings": with_warnings}
            )

        broken = []
        if not no_external and used_by:
            results = check_urls(used_by, timeout=timeout)
            broken = [results[url] for url in sorted(results) if not results[url].ok]
            counts.append(
                _("Externa länkar: %(checked)s kontrollerade, %(broken)s fungerar inte.")
                % {"checked": len(results), "broken": len(broken)}
            )

        text = self.render(now, counts, findings, broken, used_by)
        self.stdout.write(text)
        if mail:
            self.mail(text, totals, len(broken))

    def render(self, now, counts, findings, broken, used_by) -> str:
        lines = [
            _("Kvalitetskontroll av publicerat innehåll, %(when)s")
            % {"when": date_format(timezone.localtime(now), "j F Y H:i")},
            "",
            *counts,
        ]
        labels = {Severity.ERROR: _("FEL"), Severity.WARNING: _("VARNING")}
        for label, obj, report in findings:
            lines += ["", f"{label}: ”{obj.title}” ({settings.SITE_URL}{obj.get_absolute_url()})"]
            for issue in report.issues:
                field = obj._meta.get_field(issue.field).verbose_name if issue.field else ""
                lines.append(f"  {labels[issue.severity]} ({field}): {issue.message}")
            if "lix" in report.figures:
                lines.append("  " + _("Läsbarhet: LIX %(lix)s (%(lix_band)s).") % report.figures)
        if broken:
            lines += ["", _("Externa länkar som inte fungerar:")]
            for result in broken:
                lines.append(f"  {result.url} – {result.reason}")
                for label, obj in used_by[result.url]:
                    where = _("på %(label)s ”%(title)s”") % {"label": str(label).lower(), "title": obj.title}
                    lines.append(f"    {where}")
        if not findings and not broken:
            lines += ["", _("Inga anmärkningar.")]
        return "\n".join(lines) + "\n"

    def mail(self, text, totals, broken):
        recipients = sorted(
            get_user_model()
            .objects.filter(is_active=True, groups__name=PUBLISHER_GROUP)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if not recipients:
            message = _("Ingen i gruppen %(group)s har en e-postadress; rapporten skickades inte.")
            self.stdout.write(message % {"group": PUBLISHER_GROUP})
            return
        subject = _(
            "Kvalitetskontroll av webbplatsen: %(errors)s fel, %(warnings)s varningar, %(broken)s trasiga länkar"
        ) % {"errors": totals[Severity.ERROR], "warnings": totals[Severity.WARNING], "broken": broken}
        send_mail(subject, text, None, recipients)
        self.stdout.write(_("Rapporten skickades till %(count)s publicerare.") % {"count": len(recipients)})
