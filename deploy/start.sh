#!/bin/sh
# The image's start command: the production build of one process, with plain node.
# SERVICE (or the first argument) is user, inventory, order, fulfillment, notification,
# payment or gateway; main.js refuses any other name.
set -eu
cd "$(dirname "$0")/.."
service=${1:-${SERVICE:-}}
if [ -z "$service" ]; then
  echo 'SERVICE is not set: user, inventory, order, fulfillment, notification, payment or gateway' >&2
  exit 2
fi
rm -f "${EVENTMART_READY_FILE:-/nonexistent}" 2>/dev/null || true
exec node --enable-source-maps apps/distributed/dist/main.js "$service"
