#!/usr/bin/env bash
# Checks that the Debian packages the tests use are installed, and says how to get them.
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Les tests ont besoin de paquets Debian absents : ${missing[*]}" >&2
  echo "Installez-les : sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
