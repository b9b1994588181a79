#!/usr/bin/env bash
# Installs the Debian packages the loopback mail test stack needs (Dovecot 2.3 IMAP/POP3/LMTP, Postfix 3.7, openssl),
# xmllint (libxml2-utils), which validates `check --format junit` against the JUnit XML schemas, and cmark-gfm,
# GitHub's Markdown renderer, which test/text/markdown.test.ts renders every Markdown escape with.
# Idempotent: does nothing when everything is already there. Needs root (or passwordless sudo) on Debian/Ubuntu.
# The packages' own system daemons are NOT used (and not configured); the tests start private instances
# from a temp dir (see startMailStack() in index.ts).
#
#   bash test/support/mail-stack/install.sh
set -euo pipefail

have_all() {
  command -v openssl >/dev/null 2>&1 && command -v xmllint >/dev/null 2>&1 && command -v cmark-gfm >/dev/null 2>&1 &&
  [ -x /usr/sbin/dovecot ] && [ -x /usr/sbin/postfix ] && [ -x /usr/bin/doveadm ] &&
  [ -e /usr/lib/dovecot/imap ] && [ -e /usr/lib/dovecot/pop3 ] && [ -e /usr/lib/dovecot/lmtp ] &&
  [ -e /usr/share/dovecot/dh.pem ] &&
  getent passwd mail >/dev/null && getent passwd postfix >/dev/null && getent group postdrop >/dev/null
}

if have_all; then
  echo "mail-stack: dovecot + postfix already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "mail-stack: need root to install dovecot/postfix (apt-get)" >&2; exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
echo "postfix postfix/mailname string localhost" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix openssl libxml2-utils cmark-gfm >/dev/null

# On machines without a policy-rc.d that forbids it, the packages start system daemons on the standard
# ports (25/110/143/993/995). They do not clash with the test stack (free high ports), so leave them alone.
if ! have_all; then
  echo "mail-stack: installation incomplete" >&2; exit 1
fi
echo "mail-stack: installed $(dovecot --version 2>/dev/null | cut -d' ' -f1) / postfix $(postconf -d -h mail_version 2>/dev/null)"
