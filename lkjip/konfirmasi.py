"""The confirm-then-delete step every delete page shares: GET shows what will be deleted, POST
deletes through a service, and a refusal (something still depends on the item) is shown on the same
page with its reason instead of the delete button (templates/_konfirmasi.html)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def hapus_setelah_konfirmasi(
    request: HttpRequest,
    *,
    hapus: Callable[[], object],
    berhasil: str,
    tujuan: Callable[[], str] | str,
    template: str,
    konteks: dict,
    galat: str = "",
) -> HttpResponse:
    """`hapus` runs the service; `tujuan` (a URL, or a function giving it after the deletion) is
    where a successful deletion goes with the message `berhasil`. `galat` refuses from the start
    (a reason already known on GET)."""
    if request.method == "POST" and not galat:
        try:
            hapus()
        except ValidationError as e:
            galat = " ".join(e.messages)
        else:
            messages.success(request, berhasil)
            return redirect(tujuan() if callable(tujuan) else tujuan)
    return render(request, template, {**konteks, "galat": galat})
