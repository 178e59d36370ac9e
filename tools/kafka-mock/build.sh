#!/usr/bin/env bash
# Builds tools/kafka-mock/bin/kafka-mock from kafka-mock.c against librdkafka (the Debian package
# librdkafka-dev). Idempotent: does nothing when the binary is newer than its sources.
# Exit status 3 means librdkafka's headers or a C compiler are missing (.ci/run then installs
# them); without the helper the Kafka tests skip locally and fail in CI.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_file=$here/kafka-mock.c
binary=$here/bin/kafka-mock

if [[ -x $binary && $binary -nt $source_file && $binary -nt ${BASH_SOURCE[0]} ]]; then
  exit 0
fi

flags=()
if command -v pkg-config >/dev/null && pkg-config --exists rdkafka; then
  read -r -a flags <<<"$(pkg-config --cflags --libs rdkafka)"
else
  flags=(-lrdkafka)
fi

compiler=${CC:-cc}
if ! command -v "$compiler" >/dev/null; then
  echo "kafka-mock: no C compiler ($compiler); install build-essential" >&2
  exit 3
fi
if ! echo '#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>' | "$compiler" -E -x c - >/dev/null 2>&1; then
  echo 'kafka-mock: librdkafka/rdkafka_mock.h not found; install librdkafka-dev' >&2
  exit 3
fi

mkdir -p "$here/bin"
# Build beside the target and rename, so a concurrent run never executes a half-written file.
partial=$(mktemp "$here/bin/.kafka-mock.XXXXXX")
trap 'rm -f "$partial"' EXIT
"$compiler" -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -pthread \
  -o "$partial" "$source_file" "${flags[@]}"
chmod 755 "$partial"
mv -f "$partial" "$binary"
trap - EXIT
