"""Django admin shows the workflow's records read-only."""

import pytest
from django.urls import reverse

from laporan.models import DokumenFinal
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["dokumenfinal", "riwayatstatus", "catatanreviu"])
def test_catatan_alur_hanya_dibaca_di_admin(client, model):
    client.force_login(f.UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get(reverse(f"admin:laporan_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:laporan_{model}_add")).status_code == 403


def test_dokumen_final_tanpa_tautan_berkas(client, ditandatangani):
    client.force_login(f.UserFactory(username="root", is_superuser=True, is_staff=True))
    dokumen = DokumenFinal.objects.get(laporan=ditandatangani)
    html = client.get(reverse("admin:laporan_dokumenfinal_change", args=[dokumen.pk])).content.decode()
    assert dokumen.sha256 in html
    assert "/media/" not in html
