#!/usr/bin/env bash
# Builds tools/kafka-raw-produce/bin/kafka-raw-produce against librdkafka (librdkafka-dev), as
# tools/kafka-mock/build.sh builds the mock: a no-op when the binary is newer than its sources,
# exit status 3 when librdkafka's headers or a C compiler are missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_file=$here/kafka-raw-produce.c
binary=$here/bin/kafka-raw-produce

if [[ -x $binary && $binary -nt $source_file && $binary -nt ${BASH_SOURCE[0]} ]]; then
  exit 0
fi

flags=(-lrdkafka)
if command -v pkg-config >/dev/null && pkg-config --exists rdkafka; then
  read -r -a flags <<<"$(pkg-config --cflags --libs rdkafka)"
fi
compiler=${CC:-cc}
if ! command -v "$compiler" >/dev/null; then
  echo "kafka-raw-produce: no C compiler ($compiler); install build-essential" >&2
  exit 3
fi
if ! echo '#include <librdkafka/rdkafka.h>' | "$compiler" -E -x c - >/dev/null 2>&1; then
  echo 'kafka-raw-produce: librdkafka/rdkafka.h not found; install librdkafka-dev' >&2
  exit 3
fi

mkdir -p "$here/bin"
partial=$(mktemp "$here/bin/.kafka-raw-produce.XXXXXX")
trap 'rm -f "$partial"' EXIT
"$compiler" -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -o "$partial" "$source_file" "${flags[@]}"
chmod 755 "$partial"
mv -f "$partial" "$binary"
trap - EXIT
