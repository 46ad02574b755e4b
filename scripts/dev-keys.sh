#!/usr/bin/env bash
# Generates the local development RSA key pair once, in .dev/jwt/ (ignored by git). The services
# verify bearer tokens with public.pem; scripts/dev-token.sh signs them with private.pem.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.dev/jwt
if [ -s "$dir/private.pem" ] && [ -s "$dir/public.pem" ]; then
  exit 0
fi
command -v openssl >/dev/null || { echo "openssl is needed to generate the development key pair" >&2; exit 1; }
mkdir -p "$dir"
umask 077
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null
openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
chmod 644 "$dir/public.pem"
echo "[dev-keys] generated a development key pair in $dir"
