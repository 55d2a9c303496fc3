#!/usr/bin/env bash
# Times what a new partner developer goes through: a clean clone, `npm install`, `npm start`
# with no database configured, until the README's first query returns data from all four
# partners. Prints the three times, then stops the hub and removes the clone.
#   bash tools/first-start.sh [repository]   (default: this checkout's committed HEAD)
set -u
repo=${1:-$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)}
work=$(mktemp -d)
# npm start runs the hub as a child: stop the whole process group, not just npm.
trap 'kill -INT -- -"$hub" 2>/dev/null; sleep 3; rm -rf "$work"' EXIT
git clone -q "$repo" "$work/hub" && cd "$work/hub" || exit 1

t0=$(date +%s.%N)
npm install --no-audit --no-fund > "$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
t1=$(date +%s.%N)
setsid npm start > "$work/start.log" 2>&1 &
hub=$!

query='{"query":"{ person(id: \"SUBJ-000001\") { id police { names { fullName } pvotMarker } localAuthority { housing { address { uprn } } } health { attendances { attendedOn site } } support { provider } } }"}'
token=""
for _ in $(seq 1 900); do
  [ -z "$token" ] && [ -d .data/keys ] && token=$(node tools/dist/hub.js token la.safeguarding 2>/dev/null)
  answer=$(curl -s -m 5 http://127.0.0.1:4000/graphql -H 'content-type: application/json' -H "authorization: Bearer $token" \
    -H 'x-hub-purpose: IDENTIFY_VICTIMS' -H 'x-hub-case-ref: BCC/MSHT/2026/0042' -d "$query" 2>/dev/null)
  case "$answer" in *'"pvotMarker":true'*'"uprn":"100070000001"'*'"site"'*'"provider"'*) break ;; esac
  sleep 0.2
done
t2=$(date +%s.%N)
case "$answer" in *'"provider"'*) ;; *) echo "no four-partner answer; start log:"; cat "$work/start.log"; exit 1 ;; esac
printf 'npm install %.1f s; npm start to first four-partner answer %.1f s; total %.1f s\n' \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t2 - $t0" | bc)"
