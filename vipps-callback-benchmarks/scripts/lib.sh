# Shared by e2e.sh and startup.sh (sourced, not run): every background process a script starts goes
# into "pids" and is killed when the script exits, however it exits; and the address a LoopbackDnsMain
# writes to its log is waited for in one place.

pids=()
kill_tree() { # PID: the process and everything it started (a background job of a shell function is a
  # subshell whose child runs timeout, whose child runs java; killing the subshell alone orphans them)
  local child
  for child in $(pgrep -P "$1"); do
    kill_tree "$child"
  done
  kill "$1" 2>/dev/null || true
}
cleanup() {
  for pid in "${pids[@]}"; do
    kill_tree "$pid"
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# loopback_dns_address LOG: prints the address ("dns=127.0.0.1:PORT") a LoopbackDnsMain wrote to LOG,
# waiting up to 60 s; fails naming the log when it never appears.
loopback_dns_address() {
  for _ in $(seq 1 600); do
    if grep -q '^dns=' "$1"; then
      sed -n 's/^dns=//p' "$1"
      return 0
    fi
    sleep 0.1
  done
  echo "the loopback DNS server did not start; see $1" >&2
  return 1
}
