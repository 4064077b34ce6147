#!/usr/bin/env bash
# MCP server benchmark: devskyy serve (each JDK) against a minimal TS SDK server, in one run:
# start-up, a pipelined burst, 8 clients' latency, memory (bench.mjs), then how pipelined
# throughput grows over one long session (warmup.mjs).
# Usage: bench/mcp.sh [runs=20] [calls=10000] [warm-up bursts=8]
set -euo pipefail
cd "$(dirname "$0")/.."
bin/devskyy --version >/dev/null
(cd bench/mcp && npm ci --no-audit --no-fund --loglevel=error >&2)
node bench/mcp/bench.mjs "$PWD" "${1:-20}" "${2:-10000}"
node bench/mcp/warmup.mjs "$PWD" "${3:-8}" "${2:-10000}"
