# Shared by run.sh, test.sh and the benchmark: install the npm tools, start Azurite and maildev
# (and the app) each in a process group of its own, wait for their ports, and stop everything
# that was started, also on failure. Source it after setting SCRIPT_NAME.

PIDS=()
NAMES=()
STOPPED=0
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

log() { printf '[%s] %s\n' "${SCRIPT_NAME:-servers}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

descendants() {
  local pid child
  for pid in "$@"; do
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
      echo "$child"
      descendants "$child"
    done
  done
}

alive() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }

# Stops every process group started with start_process (and their children), the last started
# first, so the app lets go of its storage leases while Azurite still answers; each group gets
# 10 s after SIGTERM, then SIGKILL. Safe to call twice.
stop_all() {
  [ "$STOPPED" = 1 ] && return 0
  STOPPED=1
  [ "${#PIDS[@]}" -eq 0 ] && return 0
  local started=("${!PIDS[@]}") order=() n i
  for ((n = ${#started[@]} - 1; n >= 0; n--)); do order+=("${NAMES[${started[$n]}]}"); done
  log "stopping ${order[*]}"
  for ((n = ${#started[@]} - 1; n >= 0; n--)); do i=${started[$n]}; stop_group "${PIDS[$i]}" "${NAMES[$i]}"; done
  for i in "${!PIDS[@]}"; do wait "${PIDS[$i]}" 2>/dev/null || true; done
  log "stopped"
}

# stop_group PID NAME: SIGTERM to the process group PID and its descendants; SIGKILL after 10 s.
stop_group() {
  local pid=$1 name=$2 group=()
  group=("$pid")
  mapfile -t -O 1 group < <(descendants "$pid")
  kill -TERM -- "-$pid" 2>/dev/null || true
  kill -TERM "${group[@]}" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while alive "${group[@]}" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if alive "${group[@]}"; then
    log "$name ignored SIGTERM; sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || true
    kill -KILL "${group[@]}" 2>/dev/null || true
  fi
}

# start_process NAME LOGFILE COMMAND...: runs COMMAND in a new process group; its pid is in $!.
# With LOGFILE "-" the output goes to this terminal.
start_process() {
  local name=$1 logfile=$2; shift 2
  if [ "$logfile" = "-" ]; then
    setsid "$@" </dev/null &
  else
    setsid "$@" >"$logfile" 2>&1 </dev/null &
  fi
  PIDS+=("$!")
  NAMES+=("$name")
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_port NAME PORT PID LOGFILE [SECONDS]
wait_port() {
  local name=$1 port=$2 pid=$3 logfile=$4 timeout=${5:-30}
  local deadline=$((SECONDS + timeout))
  until port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited before port $port opened; last lines of its log:"
      tail -n 20 "$logfile" >&2 || true
      die "$name did not start (is port $port taken?)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "last lines of the $name log:"
      tail -n 20 "$logfile" >&2 || true
      die "$name did not open port $port within ${timeout}s"
    fi
    sleep 0.2
  done
}

# pick_port DEFAULT: DEFAULT when it is free and not yet taken by this script, else a free port.
TAKEN_PORTS=" "
pick_port() {
  local port
  port="$(python3 - "$1" "$TAKEN_PORTS" <<'PY'
import socket, sys
default, taken = int(sys.argv[1]), set(int(p) for p in sys.argv[2].split())
def free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False
if default not in taken and free(default):
    print(default)
else:
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in taken:
            print(port)
            break
PY
)"
  TAKEN_PORTS+="$port "
  echo "$port"
}

install_npm_tools() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dev tools (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Debian's Chromium, which the browser tests drive through Playwright (Playwright's own browser
# download is not used). Installed with apt when missing; needs root or sudo.
install_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  log "installing Debian's chromium for the browser tests (apt-get)"
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || die "apt-get install chromium failed"
}

# The Bicep CLI, which ships as a native binary inside a NuGet package: restoring
# infra/tools/Bicep.proj brings it into the NuGet cache. Sets BICEP to the binary.
install_bicep() {
  local version cache
  version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' infra/tools/Bicep.proj)"
  [ -n "$version" ] || die "infra/tools/Bicep.proj names no Bicep version"
  cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
  BICEP="${cache%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
  if [ ! -f "$BICEP" ]; then
    log "installing the Bicep CLI $version (dotnet restore infra/tools/Bicep.proj)"
    dotnet restore infra/tools/Bicep.proj --verbosity quiet >/dev/null || die "restoring infra/tools/Bicep.proj failed"
    [ -f "$BICEP" ] || die "the Bicep CLI is not at $BICEP after the restore"
  fi
  [ -x "$BICEP" ] || chmod +x "$BICEP"
}

# start_azurite LOGFILE LOCATION BLOB QUEUE TABLE [AZURITE FLAGS...]: waits until all three ports
# answer. Extra flags go to Azurite, such as --debug FILE to log every request.
start_azurite() {
  local logfile=$1 location=$2 blob=$3 queue=$4 table=$5
  shift 5
  mkdir -p "$location"
  start_process Azurite "$logfile" node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" --location "$location" "$@"
  local pid=$!
  wait_port "Azurite (blob)" "$blob" "$pid" "$logfile"
  wait_port "Azurite (queue)" "$queue" "$pid" "$logfile"
  wait_port "Azurite (table)" "$table" "$pid" "$logfile"
  still_running Azurite "$pid" "$logfile"
}

# still_running NAME PID LOGFILE: a port that answers may be another process's, taken in a race
# after it was picked; the server that was started must still be alive once its ports answer.
still_running() {
  sleep 0.5
  if ! kill -0 "$2" 2>/dev/null; then
    log "$1 exited after its ports answered (another process holds them?); last lines of its log:"
    tail -n 20 "$3" >&2 || true
    die "$1 did not start"
  fi
}

# start_maildev LOGFILE SMTP WEB: waits until both ports answer.
start_maildev() {
  local logfile=$1 smtp=$2 web=$3
  start_process maildev "$logfile" node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$smtp" --web "$web"
  local pid=$!
  wait_port "maildev (SMTP)" "$smtp" "$pid" "$logfile"
  wait_port "maildev (web)" "$web" "$pid" "$logfile"
  still_running maildev "$pid" "$logfile"
}

# azurite_connection_string BLOB QUEUE TABLE
azurite_connection_string() {
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;QueueEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1;' \
    "$AZURITE_KEY" "$1" "$2" "$3"
}
