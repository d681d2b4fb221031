"""Forms of the administration pages and of the password change.

They validate and convert (Indonesian numbers, one dasar hukum per line, the unit of a pejabat) and
say what is wrong on the field, in Indonesian. They never write: the views hand `cleaned_data` to
lkjip/services.py, whose refusals (keyed by these field names) are put back on the fields.
"""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError

from kinerja.capaian import SKALA, SKALA_BAKU, Skala, SkalaTidakValid
from lkjip.format import format_angka, parse_angka
from lkjip.models import Desa, Kabupaten, Kecamatan, Pejabat, Penugasan, nip_validator
from lkjip.services import FIELD_KECAMATAN, DesaIsian, periksa_sandi

User = get_user_model()
Peran = Penugasan.Peran

BANTUAN_SANDI = (
    "Minimal 8 karakter, tidak terlalu mirip dengan nama pengguna atau nama Anda, "
    "bukan kata sandi yang umum dipakai, dan tidak hanya berisi angka."
)
SANDI_BEDA = "Kedua kata sandi tidak sama. Ketik ulang kata sandi yang sama."


def _helper(*layout) -> FormHelper:
    """Crispy helper that renders fields only: the template owns <form>, CSRF and buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


class AngkaField(forms.CharField):
    """A number typed Indonesian style ("54.979", "6.653,5"), returned as int or Decimal.

    Shown back the same way, so what the page prints is what the user can type.
    """

    def __init__(self, *, desimal: int = 0, **kwargs) -> None:
        self.desimal = desimal
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal" if desimal else "numeric"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return format_angka(value, self.desimal)
        return value

    def to_python(self, value):
        teks = super().to_python(value)
        if not teks:
            return None
        try:
            angka = parse_angka(teks)
        except ValueError as galat:
            if self.desimal == 0:
                raise ValidationError("Isi bilangan bulat, mis. 45 atau 54.979.", code="invalid") from galat
            raise ValidationError(str(galat), code="invalid") from galat
        if angka < 0:
            raise ValidationError("Tidak boleh negatif.", code="min_value")
        if self.desimal == 0:
            if angka != angka.to_integral_value():
                raise ValidationError("Isi bilangan bulat, tanpa angka di belakang koma.", code="invalid")
            return int(angka)
        if -angka.as_tuple().exponent > self.desimal:
            raise ValidationError(f"Paling banyak {self.desimal} angka di belakang koma.", code="invalid")
        return angka


# --- kecamatan and desa ---------------------------------------------------------------------------


class KecamatanForm(forms.ModelForm):
    email = forms.EmailField(label="E-mail", required=False, max_length=120)
    dasar_hukum = forms.CharField(
        label="Dasar hukum",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Satu peraturan per baris.",
    )
    luas_ha = AngkaField(label="Luas wilayah (ha)", desimal=2, help_text="Contoh: 6.653,25")
    jumlah_dusun = AngkaField(label="Jumlah dusun")
    jumlah_rw = AngkaField(label="Jumlah RW")
    jumlah_rt = AngkaField(label="Jumlah RT")
    jumlah_kk = AngkaField(label="Jumlah KK")
    penduduk_laki_laki = AngkaField(label="Penduduk laki-laki")
    penduduk_perempuan = AngkaField(label="Penduduk perempuan")
    tahun_data = forms.IntegerField(
        label="Tahun data profil",
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={
            "invalid": "Isi tahun dengan empat angka, mis. 2021.",
            "min_value": "Tahun paling awal 1900.",
            "max_value": "Tahun paling akhir 2100.",
        },
    )

    class Meta:
        model = Kecamatan
        fields = FIELD_KECAMATAN
        labels = {"tugas_fungsi": "Kedudukan, tugas dan fungsi"}
        widgets = {"tugas_fungsi": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, kabupaten: list[Kabupaten] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["dasar_hukum"] = "\n".join(self.instance.dasar_hukum or [])
        # A new kecamatan of an admin of several kabupaten (a superuser) needs the choice; of one, not.
        if kabupaten is not None and len(kabupaten) != 1:
            self.fields["kabupaten"] = forms.ModelChoiceField(
                label="Kabupaten",
                queryset=Kabupaten.objects.filter(pk__in=[k.pk for k in kabupaten]),
                empty_label="Pilih kabupaten",
            )
            self.order_fields(["kabupaten"])
        baris_nama = (
            Row(Column("kabupaten", css_class="col-md-6"), Column("nama", css_class="col-md-6"))
            if "kabupaten" in self.fields
            else Row(Column("nama", css_class="col-md-6"))
        )
        self.helper = _helper(
            Fieldset(
                "Identitas dan kontak",
                baris_nama,
                "alamat",
                Row(
                    Column("kode_pos", css_class="col-sm-4"),
                    Column("telepon", css_class="col-sm-4"),
                    Column("email", css_class="col-sm-4"),
                ),
            ),
            Fieldset("Tugas dan dasar hukum", "tugas_fungsi", "dasar_hukum"),
            Fieldset(
                "Data wilayah dan penduduk",
                Row(
                    Column("luas_ha", css_class="col-sm-6 col-lg-3"),
                    Column("tahun_data", css_class="col-sm-6 col-lg-3"),
                ),
                Row(
                    Column("jumlah_dusun", css_class="col-6 col-lg-3"),
                    Column("jumlah_rw", css_class="col-6 col-lg-3"),
                    Column("jumlah_rt", css_class="col-6 col-lg-3"),
                    Column("jumlah_kk", css_class="col-6 col-lg-3"),
                ),
                Row(
                    Column("penduduk_laki_laki", css_class="col-sm-6 col-lg-3"),
                    Column("penduduk_perempuan", css_class="col-sm-6 col-lg-3"),
                ),
            ),
        )

    def clean_nama(self) -> str:
        return self.cleaned_data["nama"].strip()

    def clean_dasar_hukum(self) -> list[str]:
        return [b.strip() for b in self.cleaned_data["dasar_hukum"].splitlines() if b.strip()]


class DesaForm(forms.Form):
    nama = forms.CharField(label="Nama desa/kelurahan", max_length=120)
    jenis = forms.ChoiceField(label="Jenis", choices=[("", "-"), *Desa.Jenis.choices], required=False)
    jumlah_dusun = AngkaField(label="Dusun")
    jumlah_rw = AngkaField(label="RW")
    jumlah_rt = AngkaField(label="RT")

    # Column headers name the fields on wide screens, where the short labels are hidden.
    NAMA_PANJANG = {"jumlah_dusun": "Jumlah dusun", "jumlah_rw": "Jumlah RW", "jumlah_rt": "Jumlah RT"}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.fields["nama"].error_messages["required"] = "Isi nama desa/kelurahan, atau centang Hapus."
        for nama, field in self.fields.items():
            kelas = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.update(
                {"class": kelas, "aria-label": self.NAMA_PANJANG.get(nama, field.label)}
            )

    def gaya_bidang_hapus(self) -> None:
        self.fields["DELETE"].label = "Hapus"
        self.fields["DELETE"].widget.attrs.update({"class": "form-check-input", "aria-label": "Hapus baris"})

    def clean_nama(self) -> str:
        return self.cleaned_data["nama"].strip()


class BaseDesaFormSet(forms.BaseFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        form.gaya_bidang_hapus()

    def clean(self) -> None:
        # Checked even when other rows have errors, so every mistake shows at once.
        terlihat: set[str] = set()
        for form in self.forms:
            nama = form.cleaned_data.get("nama")
            if not nama or (self.can_delete and self._should_delete_form(form)):
                continue
            if nama.casefold() in terlihat:
                form.add_error("nama", "Nama ini sudah ada di baris lain.")
            terlihat.add(nama.casefold())

    def _baris(self) -> list[forms.Form]:
        """The rows kept: not marked for deletion, and not a blank added row."""
        return [
            f for f in self.forms if f.cleaned_data and not (self.can_delete and self._should_delete_form(f))
        ]

    def daftar(self) -> list[DesaIsian]:
        return [
            DesaIsian(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"}) for f in self._baris()
        ]


DesaFormSet = forms.formset_factory(DesaForm, formset=BaseDesaFormSet, extra=1, can_delete=True)
DESA_PREFIX = "desa"


def desa_formset(data=None, *, kecamatan: Kecamatan | None = None) -> BaseDesaFormSet:
    initial = None
    if kecamatan is not None and kecamatan.pk:
        initial = [
            {
                "nama": d.nama,
                "jenis": d.jenis,
                "jumlah_dusun": d.jumlah_dusun,
                "jumlah_rw": d.jumlah_rw,
                "jumlah_rt": d.jumlah_rt,
            }
            for d in kecamatan.desa.all()
        ]
    return DesaFormSet(data, initial=initial, prefix=DESA_PREFIX)


def desa_baris_baru(indeks: int) -> DesaForm:
    """An empty row for the formset, as the htmx "Tambah baris" button appends it."""
    formset = DesaFormSet(prefix=DESA_PREFIX)
    baris = DesaForm(prefix=formset.add_prefix(indeks), empty_permitted=True)
    formset.add_fields(baris, indeks)
    return baris


# --- pejabat --------------------------------------------------------------------------------------


def _pilihan_unit(kabupaten: list[Kabupaten]) -> list[tuple]:
    """'kab-<id>' for the kabupaten itself (bupati), 'kec-<id>' for each of its kecamatan."""
    kecamatan = Kecamatan.objects.filter(kabupaten__in=kabupaten).order_by("kabupaten__nama", "nama")
    pilihan = []
    for kab in kabupaten:
        isi = [(f"kab-{kab.pk}", f"{kab} (bupati dan pejabat kabupaten)")]
        isi += [(f"kec-{k.pk}", str(k)) for k in kecamatan if k.kabupaten_id == kab.pk]
        pilihan.append((str(kab), isi))
    if len(pilihan) == 1:
        return pilihan[0][1]
    return pilihan


class PejabatForm(forms.ModelForm):
    unit = forms.ChoiceField(label="Unit kerja")
    # No max_length: a NIP pasted as printed ("19670701 199209 1 001") must reach the validator
    # whole and get its one clear message, not be cut at 18 characters by the browser.
    nip = forms.CharField(
        label="NIP",
        required=False,
        validators=[nip_validator],
        help_text="18 angka tanpa spasi, mis. 196707011992091001.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Pejabat
        fields = ["peran", "nama", "jabatan", "nip", "pangkat", "golongan", "mulai", "selesai"]
        labels = {"mulai": "Mulai menjabat", "selesai": "Selesai menjabat"}
        help_texts = {
            "golongan": "Mis. IV/b.",
            "mulai": "Kosongkan bila tidak diketahui.",
            "selesai": "Kosongkan bila masih menjabat.",
        }
        widgets = {
            "mulai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "selesai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, kabupaten: list[Kabupaten], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._kabupaten = {k.pk: k for k in kabupaten}
        self.fields["unit"].choices = [("", "Pilih unit kerja"), *_pilihan_unit(kabupaten)]
        pejabat = self.instance
        if pejabat.pk:
            self.initial["unit"] = (
                f"kec-{pejabat.kecamatan_id}" if pejabat.kecamatan_id else f"kab-{pejabat.kabupaten_id}"
            )
        self.fields["peran"].label = "Peran"
        self.order_fields(["unit", "peran"])
        self.helper = _helper(
            Row(Column("unit", css_class="col-md-6"), Column("peran", css_class="col-md-6")),
            Row(Column("nama", css_class="col-md-6"), Column("jabatan", css_class="col-md-6")),
            Row(
                Column("nip", css_class="col-md-6"),
                Column("pangkat", css_class="col-8 col-md-4"),
                Column("golongan", css_class="col-4 col-md-2"),
            ),
            Row(Column("mulai", css_class="col-sm-6"), Column("selesai", css_class="col-sm-6")),
        )

    def clean_unit(self) -> tuple[Kecamatan | None, Kabupaten | None]:
        jenis, _, pk = self.cleaned_data["unit"].partition("-")
        if jenis == "kab":
            return None, self._kabupaten[int(pk)]
        return Kecamatan.objects.select_related("kabupaten").get(pk=int(pk)), None


# --- users and roles ------------------------------------------------------------------------------


class PenugasanForm(forms.Form):
    """A role in a kecamatan (operator, camat) or in a kabupaten (inspektorat, admin)."""

    peran = forms.ChoiceField(
        label="Peran",
        choices=[("", "Pilih peran"), *Peran.choices],
        error_messages={"required": "Pilih peran pengguna."},
    )
    kecamatan = forms.ModelChoiceField(
        label="Kecamatan",
        queryset=Kecamatan.objects.none(),
        required=False,
        empty_label="Pilih kecamatan",
        help_text="Untuk operator dan camat.",
    )
    kabupaten = forms.ModelChoiceField(
        label="Kabupaten",
        queryset=Kabupaten.objects.none(),
        required=False,
        empty_label="Pilih kabupaten",
        help_text="Untuk inspektorat dan admin kabupaten.",
    )
    pejabat = forms.ModelChoiceField(
        label="Data pejabat camat",
        queryset=Pejabat.objects.none(),
        required=False,
        empty_label="Tidak ditautkan",
        help_text="Khusus camat: pejabat penanda tangan dokumen, dari kecamatan yang sama.",
    )

    def __init__(self, *args, kabupaten: list[Kabupaten], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._satu_kabupaten = kabupaten[0] if len(kabupaten) == 1 else None
        kecamatan = Kecamatan.objects.filter(kabupaten__in=kabupaten).select_related("kabupaten")
        self.fields["kecamatan"].queryset = kecamatan.order_by("kabupaten__nama", "nama")
        self.fields["kabupaten"].queryset = Kabupaten.objects.filter(pk__in=[k.pk for k in kabupaten])
        self.fields["pejabat"].queryset = (
            Pejabat.objects.filter(kecamatan__kabupaten__in=kabupaten, peran=Pejabat.Peran.KEPALA)
            .select_related("kecamatan")
            .order_by("kecamatan__nama", "-mulai")
        )
        self.fields["pejabat"].label_from_instance = lambda p: f"{p.nama} – {p.kecamatan.nama}"
        if len(kabupaten) > 1:
            self.fields["kecamatan"].label_from_instance = lambda k: f"{k.nama} ({k.kabupaten.nama})"
        else:
            # One kabupaten: nothing to choose; the role's kabupaten is that one.
            del self.fields["kabupaten"]
            self.fields[
                "peran"
            ].help_text = f"Inspektorat dan admin kabupaten berlaku untuk seluruh {self._satu_kabupaten}."

    def clean(self) -> dict:
        data = super().clean()
        peran = data.get("peran")
        if self._satu_kabupaten is not None:
            data["kabupaten"] = self._satu_kabupaten
        # A choice refused by the field has its own message already.
        if (
            peran in Penugasan.PERAN_KECAMATAN
            and not data.get("kecamatan")
            and "kecamatan" not in self.errors
        ):
            self.add_error("kecamatan", "Pilih kecamatan untuk peran operator atau camat.")
        if (
            peran in Penugasan.PERAN_KABUPATEN
            and not data.get("kabupaten")
            and "kabupaten" not in self.errors
        ):
            self.add_error("kabupaten", "Pilih kabupaten untuk peran inspektorat atau admin kabupaten.")
        return data


def _bidang_sandi(label: str, autocomplete: str = "new-password") -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class _SandiBaruMixin:
    """Two password fields checked with Django's validators (settings.AUTH_PASSWORD_VALIDATORS)."""

    def _periksa_sandi(self, pengguna) -> None:
        sandi, ulang = self.cleaned_data.get("sandi"), self.cleaned_data.get("sandi_ulang")
        if sandi and ulang and sandi != ulang:
            self.add_error("sandi_ulang", SANDI_BEDA)
        if sandi:
            try:
                periksa_sandi(sandi, pengguna)
            except ValidationError as galat:
                self.add_error("sandi", galat)


class PenggunaBuatForm(_SandiBaruMixin, PenugasanForm):
    username = forms.CharField(
        label="Nama pengguna",
        max_length=150,
        validators=[
            UnicodeUsernameValidator(
                message="Nama pengguna hanya boleh berisi huruf, angka dan . @ + - _ (tanpa spasi)."
            )
        ],
        help_text="Untuk masuk. Huruf, angka dan . @ + - _ saja, tanpa spasi; mis. operator.ajibarang.",
        error_messages={"max_length": "Paling banyak 150 karakter."},
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}),
    )
    nama_lengkap = forms.CharField(label="Nama lengkap", max_length=150)
    email = forms.EmailField(label="E-mail", required=False, help_text="Boleh dikosongkan.")
    sandi = _bidang_sandi("Kata sandi")
    sandi_ulang = _bidang_sandi("Ulangi kata sandi")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sandi"].help_text = BANTUAN_SANDI
        self.order_fields(["username", "nama_lengkap", "email", "sandi", "sandi_ulang"])
        kolom_kabupaten = [Column("kabupaten", css_class="col-md-6")] if "kabupaten" in self.fields else []
        self.helper = _helper(
            Fieldset(
                "Akun",
                Row(Column("username", css_class="col-md-6"), Column("nama_lengkap", css_class="col-md-6")),
                Row(Column("email", css_class="col-md-6")),
                Row(Column("sandi", css_class="col-md-6"), Column("sandi_ulang", css_class="col-md-6")),
            ),
            Fieldset(
                "Peran pertama",
                Row(Column("peran", css_class="col-md-6"), *kolom_kabupaten),
                Row(Column("kecamatan", css_class="col-md-6"), Column("pejabat", css_class="col-md-6")),
            ),
        )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError("Nama pengguna ini sudah dipakai.", code="unique")
        return username

    def clean(self) -> dict:
        data = super().clean()
        calon = User(
            username=data.get("username", ""),
            first_name=data.get("nama_lengkap", ""),
            email=data.get("email", ""),
        )
        self._periksa_sandi(calon)
        return data


class PenugasanTambahForm(PenugasanForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kolom_kabupaten = [Column("kabupaten", css_class="col-md-6")] if "kabupaten" in self.fields else []
        self.helper = _helper(
            Row(Column("peran", css_class="col-md-6"), *kolom_kabupaten),
            Row(Column("kecamatan", css_class="col-md-6"), Column("pejabat", css_class="col-md-6")),
        )


class PenggunaUbahForm(forms.Form):
    nama_lengkap = forms.CharField(label="Nama lengkap", max_length=150)
    email = forms.EmailField(label="E-mail", required=False, help_text="Boleh dikosongkan.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(Column("nama_lengkap", css_class="col-md-6"), Column("email", css_class="col-md-6"))
        )


class SandiAturForm(_SandiBaruMixin, forms.Form):
    sandi = _bidang_sandi("Kata sandi baru")
    sandi_ulang = _bidang_sandi("Ulangi kata sandi baru")

    def __init__(self, *args, pengguna, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pengguna = pengguna
        self.fields["sandi"].help_text = BANTUAN_SANDI
        self.helper = _helper(
            Row(Column("sandi", css_class="col-md-6"), Column("sandi_ulang", css_class="col-md-6"))
        )

    def clean(self) -> dict:
        data = super().clean()
        self._periksa_sandi(self.pengguna)
        return data


class FormGantiSandi(PasswordChangeForm):
    """Django's password change with Indonesian wording ("kata sandi", not the catalogue's "sandi")."""

    error_messages = {
        "password_mismatch": SANDI_BEDA,
        "password_incorrect": "Kata sandi lama salah. Silakan ketik ulang.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Kata sandi lama"
        self.fields["new_password1"].label = "Kata sandi baru"
        self.fields["new_password1"].help_text = BANTUAN_SANDI
        self.fields["new_password2"].label = "Ulangi kata sandi baru"
        self.fields["new_password2"].help_text = ""
        self.helper = _helper()


# --- predikat scale of a kabupaten ----------------------------------------------------------------

SKALA_KHUSUS = "khusus"
PITA_PREFIX = "pita"

# Colour names offered for a band: the badge palette of kinerja/capaian.py (static/css/app.css).
NAMA_WARNA = {
    "hijau-tua": "Hijau tua",
    "hijau": "Hijau",
    "hijau-muda": "Hijau muda",
    "toska": "Toska",
    "biru-tua": "Biru tua",
    "biru": "Biru",
    "biru-muda": "Biru muda",
    "ungu": "Ungu",
    "merah-muda": "Merah muda",
    "merah-tua": "Merah tua",
    "merah": "Merah",
    "oranye": "Oranye",
    "kuning": "Kuning",
    "coklat": "Coklat",
    "abu-abu": "Abu-abu",
    "hitam": "Hitam",
    "putih": "Putih",
}


class BatasField(AngkaField):
    """A band bound: "76", "88,31"; shown back without trailing zeros ("65" not "65,0000")."""

    def __init__(self, **kwargs) -> None:
        super().__init__(desimal=4, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            tepat = value.normalize()
            return format_angka(tepat, max(0, -tepat.as_tuple().exponent))
        return value


class PitaForm(forms.Form):
    """One band of a custom scale, as a row of the formset."""

    label = forms.CharField(label="Predikat", max_length=60)
    kode = forms.CharField(label="Kode", max_length=10, required=False)
    warna = forms.ChoiceField(label="Warna", required=False)
    bawah = BatasField(label="Batas bawah")
    bawah_termasuk = forms.TypedChoiceField(
        label="Batas bawah termasuk?",
        choices=[("1", "Ya (≥)"), ("0", "Tidak (>)")],
        coerce=lambda v: v == "1",
        initial="1",
    )
    atas = BatasField(label="Batas atas")
    atas_termasuk = forms.TypedChoiceField(
        label="Batas atas termasuk?",
        choices=[("0", "Tidak (<)"), ("1", "Ya (≤)")],
        coerce=lambda v: v == "1",
        initial="0",
    )

    NAMA_PANJANG = {"bawah": "Batas bawah (kosong: tanpa batas)", "atas": "Batas atas (kosong: tanpa batas)"}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.fields["label"].error_messages["required"] = "Isi nama predikat, atau centang Hapus."
        pilihan = [("", "Tanpa warna"), *NAMA_WARNA.items()]
        warna = self.initial.get("warna") or ""
        if warna and warna not in NAMA_WARNA:
            pilihan.append((warna, warna))  # a colour from an imported document (#rrggbb) stays
        self.fields["warna"].choices = pilihan
        for nama, field in self.fields.items():
            kelas = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.update(
                {"class": kelas, "aria-label": self.NAMA_PANJANG.get(nama, field.label)}
            )

    def gaya_bidang_hapus(self) -> None:
        self.fields["DELETE"].label = "Hapus"
        self.fields["DELETE"].widget.attrs.update({"class": "form-check-input", "aria-label": "Hapus baris"})

    def clean_label(self) -> str:
        return self.cleaned_data["label"].strip()

    def clean_kode(self) -> str:
        return self.cleaned_data["kode"].strip()

    def pita(self) -> dict:
        """The band in the interchange format (kinerja.capaian.Skala.dari_pita)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}


class BasePitaFormSet(forms.BaseFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        form.gaya_bidang_hapus()

    def baris(self) -> list[PitaForm]:
        """The rows kept: not marked for deletion, and not a blank added row."""
        return [
            f for f in self.forms if f.cleaned_data and not (self.can_delete and self._should_delete_form(f))
        ]


PitaFormSet = forms.formset_factory(PitaForm, formset=BasePitaFormSet, extra=1, can_delete=True)


def pita_baris_baru(indeks: int) -> PitaForm:
    """An empty band row, as the htmx "Tambah pita" button appends it."""
    formset = PitaFormSet(prefix=PITA_PREFIX)
    baris = PitaForm(prefix=formset.add_prefix(indeks), empty_permitted=True)
    formset.add_fields(baris, indeks)
    return baris


def _awal_pita(skala: Skala) -> list[dict]:
    return [
        {
            "label": p.label,
            "kode": p.kode,
            "warna": p.warna,
            "bawah": p.bawah,
            "bawah_termasuk": "1" if p.bawah_termasuk else "0",
            "atas": p.atas,
            "atas_termasuk": "1" if p.atas_termasuk else "0",
        }
        for p in skala.pita
    ]


class SkalaForm(forms.Form):
    """The kabupaten's predikat scale: a preset, or custom bands (the `pita` formset), and the cap.

    `cleaned_data["skala_capaian"]` is what Kabupaten.skala_capaian stores: a preset name or the
    interchange object. Gaps and overlaps are put on the rows of the bands concerned.
    """

    pilihan = forms.ChoiceField(label="Skala yang dipakai", widget=forms.RadioSelect)
    nama = forms.CharField(
        label="Nama skala khusus",
        max_length=200,
        required=False,
        help_text="Dicetak di atas tabel skala dalam laporan, "
        "mis. Skala Nilai Peringkat Kinerja Kabupaten Banjar.",
    )
    sumber = forms.CharField(
        label="Sumber",
        max_length=300,
        required=False,
        help_text="Peraturan atau keputusan yang menetapkan skala ini. Boleh dikosongkan.",
    )
    batasi_capaian_100 = forms.BooleanField(
        label="Batasi capaian maksimal 100 % untuk rata-rata dan efisiensi",
        required=False,
        help_text="Capaian di atas 100 % dihitung 100 % dalam rata-rata sasaran, capaian organisasi dan "
        "tingkat efisiensi. Tabel indikator tetap menampilkan capaian apa adanya.",
    )

    def __init__(self, data=None, *, kabupaten: Kabupaten) -> None:
        skala = kabupaten.skala()
        tersimpan = kabupaten.skala_capaian
        pilihan = SKALA_KHUSUS if isinstance(tersimpan, dict) else (tersimpan or SKALA_BAKU)
        initial = {"pilihan": pilihan, "batasi_capaian_100": kabupaten.batasi_capaian_100}
        if pilihan == SKALA_KHUSUS:
            initial |= {"nama": skala.nama, "sumber": skala.sumber}
        super().__init__(data, initial=initial)
        self.fields["pilihan"].choices = [
            *[(kunci, s.nama) for kunci, s in SKALA.items()],
            (SKALA_KHUSUS, "Skala khusus kabupaten (isi pita di bawah)"),
        ]
        # The bands of the scale in force, so a custom scale can start from the preset in use.
        self.pita = PitaFormSet(data, initial=_awal_pita(skala), prefix=PITA_PREFIX)

    def clean(self) -> dict:
        data = super().clean()
        pilihan = data.get("pilihan")
        if pilihan is None:
            return data
        if pilihan != SKALA_KHUSUS:
            data["skala_capaian"] = pilihan
            return data
        nama = (data.get("nama") or "").strip()
        if not nama:
            self.add_error("nama", "Isi nama skala khusus.")
        if not self.pita.is_valid():
            self.add_error(None, "Periksa pita yang ditandai di bawah.")
            return data
        baris = self.pita.baris()
        if not baris:
            self.add_error(None, "Skala khusus harus punya paling sedikit satu pita.")
            return data
        try:
            skala = Skala.dari_pita(
                [b.pita() for b in baris], nama=nama or "-", sumber=data.get("sumber") or ""
            )
        except SkalaTidakValid as galat:
            for i in galat.indeks:
                baris[i].add_error(None, galat.pesan)
            self.add_error(None, f"Pita skala belum benar: {galat.pesan}")
            return data
        data["skala_capaian"] = skala.ke_dokumen()
        return data
