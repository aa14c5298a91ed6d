#!/usr/bin/env bash
# Runs deploy/scopeguide.nginx.conf on this machine's loopback: nginx as reverse proxy and shared
# cache on --port, in front of --instances `scopeguide serve` processes on the ports after it.
# Stays in the foreground; SIGINT or SIGTERM stops nginx and every instance, SIGHUP reloads the
# guides in every instance (nginx's cache then keeps earlier answers for at most --shared-max-age
# seconds, 60 by default).
#
#   bash deploy/run-local.sh [--port 8080] [--instances 2] [--backend-ports 8081,8082]
#                            [--guides Guides] [--bin path/to/scopeguide] [--work DIR] [-- serve options…]
#
# --bin defaults to a release build (`swift build -c release`); --work (default: a new folder
# under /tmp, removed at exit) holds nginx's configuration, cache, logs and the instances' logs
# (run as root, nginx's workers run as another user: every folder above --work must let them pass).
# Prints "ready http://127.0.0.1:<port>" once nginx and every instance answer /healthz.
# Needs nginx (Debian: apt-get install -y nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."

port=8080; instances=2; backend_ports=""; guides=Guides; bin=""; work=""; serve_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --instances) instances=$2; shift 2 ;;
    --backend-ports) backend_ports=$2; shift 2 ;;
    --guides) guides=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --) shift; serve_args=("$@"); break ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-local.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

nginx_bin=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
[ -n "$nginx_bin" ] || { echo "run-local.sh: nginx not found: apt-get install -y nginx-light" >&2; exit 1; }
if [ -z "$bin" ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
  swift build -c release --product scopeguide >&2
  bin="$(swift build -c release --show-bin-path)/scopeguide"
fi
if [ -z "$backend_ports" ]; then
  backend_ports=$(seq -s, $((port + 1)) $((port + instances)))
fi
IFS=, read -r -a backends <<< "$backend_ports"
[ "${#backends[@]}" -ge 1 ] || { echo "run-local.sh: no backend ports" >&2; exit 2; }

remove_work=0
if [ -z "$work" ]; then work=$(mktemp -d /tmp/scopeguide-deploy.XXXXXX); remove_work=1; fi
mkdir -p "$work/cache"
# nginx's workers run as another user when started as root: let them reach the cache and temp folders.
chmod 755 "$work"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$remove_work" = 1 ]; then rm -rf "$work"; fi
}
trap 'stop; exit 0' INT TERM
trap stop EXIT
trap 'for pid in "${pids[@]:1}"; do kill -HUP "$pid" 2>/dev/null || true; done' HUP

# The site file as shipped, with this run's ports and cache folder.
upstreams=""
for backend in "${backends[@]}"; do upstreams+="    server 127.0.0.1:$backend max_fails=3 fail_timeout=5s;\n"; done
sed -e "s|/var/cache/nginx/scopeguide|$work/cache|" \
    -e "s|listen 127.0.0.1:8080;|listen 127.0.0.1:$port;|" \
    -e "/server 127.0.0.1:808[0-9] max_fails/d" \
    -e "s|^upstream scopeguide {|upstream scopeguide {\n$upstreams|" \
    deploy/scopeguide.nginx.conf > "$work/scopeguide.conf"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $work/client_body_temp;
  proxy_temp_path $work/proxy_temp;
  fastcgi_temp_path $work/fastcgi_temp;
  uwsgi_temp_path $work/uwsgi_temp;
  scgi_temp_path $work/scgi_temp;
  include $work/scopeguide.conf;
}
NGINX
"$nginx_bin" -t -q -c "$work/nginx.conf" -p "$work" 2>"$work/nginx-test.log" || { cat "$work/nginx-test.log" >&2; exit 1; }

"$nginx_bin" -c "$work/nginx.conf" -p "$work" &
pids+=($!)
# Links on the pages point at the proxy, the address customers get.
for backend in "${backends[@]}"; do
  "$bin" serve --guides "$guides" --host 127.0.0.1 --port "$backend" --base-url "http://127.0.0.1:$port" \
    ${serve_args[@]+"${serve_args[@]}"} >"$work/serve-$backend.log" 2>&1 &
  pids+=($!)
done

# Whether 127.0.0.1:$1 answers /healthz 200 (bash's /dev/tcp: no curl needed).
healthy() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r -t 5 line <&3 || true
  exec 3<&- 3>&-
  [[ "$line" == "HTTP/1."[01]" 200"* ]]
}
# The instances first: nginx marks an instance that refuses a connection as down for a while.
for address in "${backends[@]}" "$port"; do
  for attempt in $(seq 600); do
    healthy "$address" && break
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "run-local.sh: a process exited; logs in $work" >&2; tail -5 "$work"/*.log >&2; exit 1; }
    done
    [ "$attempt" = 600 ] && { echo "run-local.sh: 127.0.0.1:$address did not answer /healthz within 60 s" >&2; exit 1; }
    sleep 0.1
  done
done
echo "ready http://127.0.0.1:$port (instances on ${backends[*]}; work folder $work)"
# Until a signal: `wait` returns early for a trapped signal (HUP), so wait again.
while kill -0 "${pids[0]}" 2>/dev/null; do wait "${pids[0]}" || true; done
