"""Electronic signatures of the LKjIP (DESIGN.md §6): a demo certificate authority, the signer
backends and offline verification.

- `ca`: a local demo CA and per-pejabat certificates exported as passphrase-protected PKCS#12.
- `berkas`: where certificates live (`<MEDIA_ROOT>/sertifikat/`) and atomic 0600 writes.
- `penanda`: the `PenandaTangan` interface, the local PAdES B-B backend, the remote TTE backend,
  `penanda_tangan()` (the configured backend) and `simpan_sertifikat()` (validated upload).
- `verifikasi`: `periksa_pdf()` validates a signed PDF against the configured trust roots.

Import the submodules where they are used (they pull in pyHanko); this package imports nothing.
"""
