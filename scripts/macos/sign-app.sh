#!/usr/bin/env bash
# Sign the macOS app. Without a certificate it is signed ad hoc (`codesign --sign -`): Apple
# silicon Macs refuse to run code with no signature at all ("is damaged and can't be
# opened"); Gatekeeper still warns on the first start (the README says how to open it).
# With a Developer ID certificate in the CI's secrets it is signed for real with the
# hardened runtime, and notarized and stapled when the notary's secrets are there too.
#
#   bash scripts/macos/sign-app.sh dist/BackpropStudio.app
#
# Secrets, each optional (a step that lacks one is skipped and says so):
#   MACOS_CERTIFICATE           the Developer ID Application certificate, .p12, base64
#   MACOS_CERTIFICATE_PASSWORD  its password
#   MACOS_SIGNING_IDENTITY      e.g. "Developer ID Application: Jane Doe (TEAMID1234)"
#   MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD (an app-specific password)
set -euo pipefail
app=$1
here=$(cd "$(dirname "$0")" && pwd)

if [ -z "${MACOS_CERTIFICATE:-}" ]; then
  echo "sign-app: no MACOS_CERTIFICATE secret: signing ad hoc"
  codesign --force --deep --sign - "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
  exit 0
fi

work=$(mktemp -d)
keychain=$work/signing.keychain-db
password=$(openssl rand -hex 16)
trap 'security delete-keychain "$keychain" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
printf '%s' "$MACOS_CERTIFICATE" | base64 --decode > "$work/certificate.p12"
security create-keychain -p "$password" "$keychain"
security set-keychain-settings -lut 3600 "$keychain"
security unlock-keychain -p "$password" "$keychain"
security import "$work/certificate.p12" -k "$keychain" -P "${MACOS_CERTIFICATE_PASSWORD:-}" -T /usr/bin/codesign
security set-key-partition-list -S apple-tool:,apple: -s -k "$password" "$keychain" >/dev/null
# shellcheck disable=SC2046 # the list of keychains is split into words on purpose
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
codesign --force --deep --timestamp --options runtime --entitlements "$here/entitlements.plist" \
  --keychain "$keychain" --sign "${MACOS_SIGNING_IDENTITY:?the MACOS_SIGNING_IDENTITY secret is needed with MACOS_CERTIFICATE}" "$app"
codesign --verify --deep --strict --verbose=2 "$app"
echo "sign-app: signed with $MACOS_SIGNING_IDENTITY"

if [ -z "${MACOS_NOTARY_PASSWORD:-}" ]; then
  echo "sign-app: no MACOS_NOTARY_PASSWORD secret: not notarized (Gatekeeper will still ask once)"
  exit 0
fi
ditto -c -k --keepParent "$app" "$work/app.zip"
xcrun notarytool submit "$work/app.zip" --apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "$MACOS_NOTARY_TEAM_ID" \
  --password "$MACOS_NOTARY_PASSWORD" --wait
xcrun stapler staple "$app"
echo "sign-app: notarized and stapled"
