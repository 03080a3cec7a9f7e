"""The public pages. Every answer about an address is the same whatever the address."""

import functools

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from subscriptions import services
from subscriptions.consent import CONSENT_TEXT
from subscriptions.forms import ChoicesForm, EmailOnlyForm, Follow, SubscribeForm
from subscriptions.models import State
from subscriptions.ratelimit import client_ip, request_allowed
from subscriptions.tokens import TokenProblem, confirm_token_read, manage_token_read


def _link_problem(request, problem: TokenProblem):
    response = render(request, "subscriptions/link_problem.html", {"problem": problem.code}, status=400)
    add_never_cache_headers(response)
    return response


def with_subscriber(view):
    """Resolve the personal link's token to its subscriber; a bad link gets the Swedish page."""

    @functools.wraps(view)
    def wrapped(request, token):
        try:
            subscriber = manage_token_read(token)
        except TokenProblem as problem:
            return _link_problem(request, problem)
        return view(request, token, subscriber)

    return wrapped


def _rate_limited(request, template, form):
    return render(request, template, {"form": form, "consent_text": CONSENT_TEXT, "rate_limited": True}, status=429)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            # Same answer as for a person, nothing stored, nothing sent.
            return redirect("subscriptions:subscribe-done")
        email = form.cleaned_data["email"]
        if not request_allowed(scope="subscribe", ip=client_ip(request), email=email):
            return _rate_limited(request, "subscriptions/subscribe.html", form)
        services.subscription_request(
            email=email,
            follows_all=form.follows_all,
            topics=form.cleaned_data["topics"],
            frequency=form.cleaned_data["frequency"],
        )
        return redirect("subscriptions:subscribe-done")
    status = 400 if form.is_bound else 200
    return render(request, "subscriptions/subscribe.html", {"form": form, "consent_text": CONSENT_TEXT}, status=status)


def subscribe_done(request):
    return render(request, "subscriptions/subscribe_done.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (link scanners confirm nobody); POST confirms."""
    try:
        if request.method == "POST":
            subscriber = services.subscription_confirm(token=token)
            return render(request, "subscriptions/confirmed.html", {"subscriber": subscriber})
        confirm_token_read(token)
    except TokenProblem as problem:
        return _link_problem(request, problem)
    return render(request, "subscriptions/confirm.html")


@never_cache
@require_http_methods(["GET", "POST"])
@with_subscriber
def manage(request, token, subscriber):
    initial = {
        "follow": Follow.ALL if subscriber.follows_all else Follow.TOPICS,
        "topics": list(subscriber.topics.all()),
        "frequency": subscriber.frequency,
    }
    form = ChoicesForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        services.subscription_update(
            subscriber=subscriber,
            follows_all=form.follows_all,
            topics=form.cleaned_data["topics"],
            frequency=form.cleaned_data["frequency"],
        )
        saved = True
    context = {"form": form, "subscriber": subscriber, "token": token, "saved": saved, "State": State}
    return render(request, "subscriptions/manage.html", context, status=400 if form.errors else 200)


@csrf_exempt  # RFC 8058: mail programs POST without a CSRF token; the signed token is the proof.
@never_cache
@require_http_methods(["GET", "POST"])
@with_subscriber
def one_click(request, token, subscriber):
    """``List-Unsubscribe`` target. GET asks (scanners follow links); POST unsubscribes at once."""
    if request.method == "POST":
        services.subscription_unsubscribe(subscriber=subscriber)
        return render(
            request,
            "subscriptions/unsubscribed.html",
            {"manage_url": reverse("subscriptions:manage", kwargs={"token": token})},
        )
    return render(request, "subscriptions/unsubscribe_confirm.html", {"token": token})


@never_cache
@require_http_methods(["GET", "POST"])
@with_subscriber
def erase(request, token, subscriber):
    if request.method == "POST":
        services.subscriber_erase(subscriber=subscriber)
        return render(request, "subscriptions/erased.html")
    return render(request, "subscriptions/erase_confirm.html", {"token": token})


@require_http_methods(["GET", "POST"])
def unsubscribe_request(request):
    """For those who lost the e-mail: mails the personal link; the same answer for any address."""
    form = EmailOnlyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not request_allowed(scope="manage-link", ip=client_ip(request), email=email):
            return render(
                request, "subscriptions/unsubscribe_request.html", {"form": form, "rate_limited": True}, status=429
            )
        services.manage_link_request(email=email)
        return redirect("subscriptions:unsubscribe-done")
    status = 400 if form.is_bound else 200
    return render(request, "subscriptions/unsubscribe_request.html", {"form": form}, status=status)


def unsubscribe_done(request):
    return render(request, "subscriptions/unsubscribe_done.html")
