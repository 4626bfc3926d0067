#!/usr/bin/env bash
# Makes the three real xl's usable offline (`xl -N create`), for the real-xl
# oracle: 4.17 from this machine's Debian 12 packages, 4.14 (bullseye) and
# 4.20 (trixie) in roots made with mmdebstrap. Each gets the LD_PRELOAD shim
# (shim.c, next to this script) built against its own libxen headers.
#
#   test/oracle/xl/roots.sh            build what is missing under .cache/xl/
#   test/oracle/xl/roots.sh --check    exit 1 if a root or a shim is missing
#
# Layout: .cache/xl/<release>/root (a chroot; absent for 4.17, which runs on
# the host) and .cache/xl/<release>/shim.so. Building a root takes ~20 s and
# ~420 MB; later runs reuse it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
cache=${XLCFG_XL_CACHE:-$top/.cache/xl}
check=0
[ "${1:-}" = --check ] && check=1

# release  suite     package
RELEASES=("4.14 bullseye xen-utils-4.14" "4.17 host xen-utils-4.17" "4.20 trixie xen-utils-4.20")
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
CFLAGS=(-O2 -fPIC -shared -fvisibility=hidden -D__XEN_TOOLS__)

missing=0
for r in "${RELEASES[@]}"; do
  read -r rel suite pkg <<<"$r"
  dir=$cache/$rel
  shim=$dir/shim.so
  if [ "$suite" = host ]; then
    bin=/usr/lib/xen-$rel/bin/xl
  else
    bin=$dir/root/usr/lib/xen-$rel/bin/xl
  fi
  if [ -x "$bin" ] && [ -f "$shim" ] && [ "$shim" -nt "$here/shim.c" ]; then continue; fi
  if ((check)); then echo "missing: xl $rel ($bin, $shim)"; missing=1; continue; fi
  mkdir -p "$dir"
  if [ "$suite" = host ]; then
    [ -x "$bin" ] || { echo "xl $rel is not installed: apt-get install $pkg libxen-dev gcc" >&2; exit 1; }
    gcc "${CFLAGS[@]}" -o "$shim" "$here/shim.c" -ldl
  else
    if [ ! -x "$bin" ]; then
      command -v mmdebstrap >/dev/null || { echo "mmdebstrap is not installed: apt-get install mmdebstrap" >&2; exit 1; }
      rm -rf "$dir/root.tmp"
      mmdebstrap --quiet --variant=essential --include="$pkg,libxen-dev,gcc,libc6-dev" "$suite" "$dir/root.tmp" \
        "deb [signed-by=$KEYRING] http://deb.debian.org/debian $suite main"
      mv "$dir/root.tmp" "$dir/root"
    fi
    mkdir -p "$dir/root/shim"
    cp "$here/shim.c" "$dir/root/shim/shim.c"
    chroot "$dir/root" gcc "${CFLAGS[@]}" -o /shim/shim.so /shim/shim.c -ldl
    cp "$dir/root/shim/shim.so" "$shim"
  fi
  echo "xl $rel ready ($bin)"
done
exit $missing
