# AppArmor profile installed by Perpvol's .deb (Ubuntu 24.04+ restricts unprivileged user
# namespaces, which Chromium's sandbox needs). It confines nothing else: "unconfined" with userns.
abi <abi/4.0>,
include <tunables/global>

profile "${executable}" "/opt/${sanitizedProductName}/${executable}" flags=(unconfined) {
  userns,

  # Site-specific additions and overrides. See local/README for details.
  include if exists <local/${executable}>
}
