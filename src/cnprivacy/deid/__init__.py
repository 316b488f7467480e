"""De-identification: mask, pseudonymise (HMAC-SM3/SHA-256), encrypt (SM4-GCM), generalise
or suppress the personal information that :mod:`cnprivacy.discovery` finds, file by file and
format for format. See docs/deid.md."""

__all__: list[str] = []  # the API is in the modules named above
