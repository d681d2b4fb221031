"""Where signing material lives: `<MEDIA_ROOT>/sertifikat/`, outside the database.

- `ca.pem` (the demo CA certificate, a trust root) and `ca-key.pem` (its key, mode 0600);
- `pejabat-<id>.p12`: one PKCS#12 per pejabat, itself encrypted with the pejabat's passphrase,
  so the file is encrypted at rest; mode 0600.

The folder is created with mode 0700. Several app servers need this folder on a shared volume.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings

NAMA_FOLDER = "sertifikat"


def folder_sertifikat() -> Path:
    return Path(settings.MEDIA_ROOT) / NAMA_FOLDER


def lokasi_ca() -> Path:
    return folder_sertifikat() / "ca.pem"


def lokasi_kunci_ca() -> Path:
    return folder_sertifikat() / "ca-key.pem"


def lokasi_sertifikat(pejabat_id: int) -> Path:
    """`<MEDIA_ROOT>/sertifikat/pejabat-<id>.p12`; the id must be a positive int (never a path)."""
    if isinstance(pejabat_id, bool) or not isinstance(pejabat_id, int) or pejabat_id <= 0:
        raise ValueError("ID pejabat harus berupa bilangan bulat positif.")
    return folder_sertifikat() / f"pejabat-{pejabat_id}.p12"


def tulis_atomik(lokasi: Path, isi: bytes, *, mode: int = 0o600) -> None:
    """Write `isi` to `lokasi` so that readers see the old file or the whole new one, never a part.

    The data goes to a temporary file in the same folder (created 0600 by mkstemp), is flushed to
    disk and renamed over the target.
    """
    lokasi.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, sementara = tempfile.mkstemp(dir=lokasi.parent, prefix=f".{lokasi.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as berkas:
            berkas.write(isi)
            berkas.flush()
            os.fsync(berkas.fileno())
        os.chmod(sementara, mode)
        os.replace(sementara, lokasi)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        raise
    folder = os.open(lokasi.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
