#!/usr/bin/env bash
# n8n's queue mode on 127.0.0.1, throw-away: Postgres + Redis (Debian's) + the pinned n8n as one
# main, two workers and two webhook processors, each with this checkout's packed package in its
# own user folder (shared/n8n/QUEUE-MODE.md). Everything lives in one `mktemp -d` folder.
#   bash scripts/queue.sh up            build + pack, install, import + publish, start, wait until ready
#   bash scripts/queue.sh down          stop everything by PID, remove the folder (safe after a crash)
#   bash scripts/queue.sh status        what runs, on which port
#   bash scripts/queue.sh dir           the stack's folder (logs/, pids/, u/<role>/)
#   bash scripts/queue.sh start|stop <role>   one n8n process: main, w1, w2, wh1, wh2
# Before `up`: ECTICKET_QUEUE_FIXTURES=<folder with credentials.json and workflows/*.json> and
# ECTICKET_QUEUE_PUBLISH="<workflow ids>" are imported and published before main starts (a
# workflow published while main runs registers no webhook). Ports (defaults): ECTICKET_QUEUE_PG_PORT
# 55432, _REDIS_PORT 56379, _MAIN_PORT 5980 (task broker +1), _W1_PORT 5982 and _W2_PORT 5984
# (worker health; task broker +1), _WH1_PORT 5990, _WH2_PORT 5991, _CLI_BROKER_PORT 5989.
# ECTICKET_QUEUE_PKG=<tgz> skips build + pack; ECTICKET_QUEUE_INSPECT_PORT=<n> opens the V8
# inspector of wh1 on 127.0.0.1:<n> (for a CPU profile), ECTICKET_QUEUE_INSPECT_MAIN_PORT=<n> that of
# main; ECTICKET_QUEUE_LOG_LEVEL (default info);
# ECTICKET_QUEUE_N8N_ENV="NAME=value …" adds variables to every n8n process (to try settings).
# Main and the webhook processors run with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, as the README
# recommends for the trigger (n8n then builds no expression isolate for a webhook call that
# evaluates no expression); ECTICKET_QUEUE_LAZY_ACQUIRE=false runs n8n's default instead.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

PG_PORT=${ECTICKET_QUEUE_PG_PORT:-55432}
REDIS_PORT=${ECTICKET_QUEUE_REDIS_PORT:-56379}
MAIN_PORT=${ECTICKET_QUEUE_MAIN_PORT:-5980}
W1_PORT=${ECTICKET_QUEUE_W1_PORT:-5982}
W2_PORT=${ECTICKET_QUEUE_W2_PORT:-5984}
WH1_PORT=${ECTICKET_QUEUE_WH1_PORT:-5990}
WH2_PORT=${ECTICKET_QUEUE_WH2_PORT:-5991}
CLI_BROKER_PORT=${ECTICKET_QUEUE_CLI_BROKER_PORT:-5989}
ROLES="main w1 w2 wh1 wh2"
POINTER=$REPO/.e2e/queue.dir               # where the current stack's folder is (git-ignored)
ENCRYPTION_KEY=ecticket-queue-encryption-key-0001
DB_PASSWORD=n8n-queue-pw
OWNER_JSON='{"email":"owner@ecticket.test","firstName":"ECTicket","lastName":"Queue","password":"EcTicket2026!"}'

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
say() { echo "queue: $*" >&2; }
die() { say "$*"; exit 1; }
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
port_of() { # the port a role listens on
	case $1 in main) echo "$MAIN_PORT" ;; w1) echo "$W1_PORT" ;; w2) echo "$W2_PORT" ;; wh1) echo "$WH1_PORT" ;; wh2) echo "$WH2_PORT" ;; *) die "unknown role $1 (main w1 w2 wh1 wh2)" ;; esac
}
listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
# A PID file's process, only if it still is what we started (PIDs get reused after a crash).
pid_if() { # pid_if <pidfile> <pattern in its command line>
	local pid
	[ -f "$1" ] || return 1
	pid=$(cat "$1")
	alive "$pid" && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" && echo "$pid"
}
current_dir() { [ -f "$POINTER" ] && cat "$POINTER" || true; }

common_env() { # the environment every n8n process (and the CLI) shares
	export N8N_ENCRYPTION_KEY=$ENCRYPTION_KEY
	export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT=$PG_PORT
	export DB_POSTGRESDB_DATABASE=n8n DB_POSTGRESDB_USER=n8n DB_POSTGRESDB_PASSWORD=$DB_PASSWORD
	export EXECUTIONS_MODE=queue QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT=$REDIS_PORT
	export N8N_HOST=127.0.0.1 N8N_LISTEN_ADDRESS=127.0.0.1 N8N_LOG_FORMAT=json
	export N8N_LOG_LEVEL=${ECTICKET_QUEUE_LOG_LEVEL:-info}
	export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false
	export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true N8N_SECURE_COOKIE=false
	# shellcheck disable=SC2086
	[ -z "${ECTICKET_QUEUE_N8N_ENV:-}" ] || export ${ECTICKET_QUEUE_N8N_ENV}
}

role_env() { # the variables of one role, as NAME=value words
	local p
	p=$(port_of "$1")
	local lazy="N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=${ECTICKET_QUEUE_LAZY_ACQUIRE:-true}"
	case $1 in
	main) echo "N8N_PORT=$p N8N_RUNNERS_BROKER_PORT=$((p + 1)) OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true" \
		"N8N_WEBHOOK_URL=http://127.0.0.1:$WH1_PORT/ N8N_EDITOR_BASE_URL=http://127.0.0.1:$p/ $lazy" ;;
	w1 | w2) echo "QUEUE_HEALTH_CHECK_ACTIVE=true N8N_WORKER_SERVER_ADDRESS=127.0.0.1 QUEUE_HEALTH_CHECK_PORT=$p" \
		"N8N_RUNNERS_BROKER_PORT=$((p + 1))" ;;
	wh1 | wh2) echo "N8N_PORT=$p $lazy" ;;
	esac
}

start_role() { # start_role <role>: n8n in its own session (so its runner child goes with it) and
	# its own UTS namespace with hostname ecticket-<role> (n8n's hostId is <type>-<hostname> under
	# /.dockerenv; without this both workers report as worker-<same host>)
	local role=$1 cmd node_args=()
	case $role in main) cmd=start ;; w1 | w2) cmd=worker ;; wh1 | wh2) cmd=webhook ;; esac
	[ "$role" = wh1 ] && [ -n "${ECTICKET_QUEUE_INSPECT_PORT:-}" ] && node_args=(--inspect="127.0.0.1:$ECTICKET_QUEUE_INSPECT_PORT")
	[ "$role" = main ] && [ -n "${ECTICKET_QUEUE_INSPECT_MAIN_PORT:-}" ] && node_args=(--inspect="127.0.0.1:$ECTICKET_QUEUE_INSPECT_MAIN_PORT")
	local uts=(unshare --uts)
	"${uts[@]}" true 2> /dev/null || { uts=(); say "unshare --uts is not allowed here: $role keeps this machine's hostname"; }
	(
		common_env
		# shellcheck disable=SC2046
		export N8N_USER_FOLDER="$QM/u/$role" $(role_env "$role")
		if [ ${#uts[@]} -gt 0 ]; then
			exec setsid "${uts[@]}" sh -c 'hostname "$1" && shift && exec "$@"' sh "ecticket-$role" \
				node "${node_args[@]}" "$N8N_BIN" "$cmd" < /dev/null >> "$QM/logs/$role.log" 2>&1
		fi
		exec setsid node "${node_args[@]}" "$N8N_BIN" "$cmd" < /dev/null >> "$QM/logs/$role.log" 2>&1
	) &
	echo $! > "$QM/pids/$role"
}

wait_ready() { # wait_ready <role> <timeout s>: /healthz/readiness = 200, or fail with the log's tail
	local role=$1 end=$(($(date +%s) + $2)) pid url
	pid=$(cat "$QM/pids/$role")
	url="http://127.0.0.1:$(port_of "$role")/healthz/readiness"
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; do
		alive "$pid" || { tail -n 20 "$QM/logs/$role.log" >&2; die "$role exited while starting (log $QM/logs/$role.log)"; }
		[ "$(date +%s)" -lt "$end" ] || { tail -n 20 "$QM/logs/$role.log" >&2; die "$role not ready after $2 s"; }
		sleep 0.25
	done
}

cli() { # an n8n CLI command with the queue environment and main's user folder
	(common_env && export N8N_USER_FOLDER="$QM/u/main" N8N_RUNNERS_BROKER_PORT=$CLI_BROKER_PORT && node "$N8N_BIN" "$@") \
		>> "$QM/logs/cli.log" 2>&1 || { tail -n 20 "$QM/logs/cli.log" >&2; die "n8n $* failed"; }
}

ensure_packages() {
	local missing=()
	[ -n "$(pgbin)" ] || missing+=(postgresql)
	command -v redis-server > /dev/null || missing+=(redis-server)
	[ ${#missing[@]} -eq 0 ] && return
	say "installing ${missing[*]} from Debian"
	(apt-get install -y -qq "${missing[@]}" || (apt-get update -qq && apt-get install -y -qq "${missing[@]}")) > /dev/null
	# Debian's packages start no service here (policy-rc.d); this script never uses them anyway.
}

up() {
	local T0 T1 role pg tgz
	T0=$(now)
	[ -z "$(current_dir)" ] || { say "a previous stack is still recorded: taking it down first"; down; }
	ensure_packages
	source scripts/node24.sh
	N8N_BIN=$(bash scripts/n8n-host.sh)
	for p in "$PG_PORT" "$REDIS_PORT" "$MAIN_PORT" $((MAIN_PORT + 1)) "$W1_PORT" $((W1_PORT + 1)) "$W2_PORT" \
		$((W2_PORT + 1)) "$WH1_PORT" "$WH2_PORT" "$CLI_BROKER_PORT" ${ECTICKET_QUEUE_INSPECT_PORT:-} ${ECTICKET_QUEUE_INSPECT_MAIN_PORT:-}; do
		listening "$p" && die "port $p is already in use (set ECTICKET_QUEUE_*_PORT to free ones)"
	done
	QM=$(mktemp -d /tmp/ecticket-queue.XXXXXX)
	mkdir -p "$(dirname "$POINTER")" && echo "$QM" > "$POINTER"
	chmod 755 "$QM" # the postgres user must enter it
	mkdir -p "$QM"/{pg,redis,logs,pids,u}
	chown postgres:postgres "$QM/pg"
	echo "$N8N_BIN" > "$QM/n8n-bin"

	# Postgres and Redis: on 127.0.0.1 only, data in $QM, durability off (throw-away data).
	pg=$(pgbin)
	runuser -u postgres -- "$pg/initdb" -D "$QM/pg/data" -U postgres --auth=trust -E UTF8 --no-locale > "$QM/logs/initdb.log"
	runuser -u postgres -- "$pg/pg_ctl" -D "$QM/pg/data" -l "$QM/pg/postgres.log" -w -o \
		"-p $PG_PORT -k $QM/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start > /dev/null
	psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qv ON_ERROR_STOP=1 \
		-c "CREATE USER n8n PASSWORD '$DB_PASSWORD'" -c "CREATE DATABASE n8n OWNER n8n" > /dev/null
	setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$QM/redis" --save '' --appendonly no \
		--logfile "$QM/logs/redis.log" < /dev/null > /dev/null 2>&1 &
	echo $! > "$QM/pids/redis"
	until redis-cli -p "$REDIS_PORT" ping 2> /dev/null | grep -q PONG; do
		alive "$(cat "$QM/pids/redis")" || die "redis-server exited (log $QM/logs/redis.log)"
		sleep 0.05
	done
	say "postgres $PG_PORT + redis $REDIS_PORT: $(since "$T0")"

	# The package as users get it, installed into every process's own user folder the way n8n's
	# community-package installer does (--legacy-peer-deps: n8n-workflow comes from n8n itself).
	if [ -n "${ECTICKET_QUEUE_PKG:-}" ]; then tgz=$ECTICKET_QUEUE_PKG; else
		npm run build > "$QM/logs/build.log" 2>&1 || { tail -n 20 "$QM/logs/build.log" >&2; die "build failed"; }
		tgz=$QM/$(npm pack --silent --pack-destination "$QM" 2> /dev/null | tail -1)
	fi
	[ -f "$tgz" ] || die "no package tarball ($tgz)"
	local installs=()
	for role in $ROLES; do
		mkdir -p "$QM/u/$role/.n8n/nodes"
		(cd "$QM/u/$role/.n8n/nodes" && echo '{"name":"installed-nodes","private":true}' > package.json &&
			npm install --no-audit --no-fund --silent --legacy-peer-deps "$tgz" > /dev/null 2>&1) &
		installs+=($!)
	done
	for pid in "${installs[@]}"; do wait "$pid" || true; done
	for role in $ROLES; do
		[ -f "$QM/u/$role/.n8n/nodes/node_modules/n8n-nodes-ecpay-ecticket/package.json" ] || die "package not installed for $role"
	done
	say "package $(basename "$tgz") installed for $ROLES: $(since "$T0")"

	# Import and publish BEFORE main starts: main registers production webhooks at start-up.
	T1=$(now)
	local fx=${ECTICKET_QUEUE_FIXTURES:-}
	if [ -n "$fx" ] && [ -f "$fx/credentials.json" ]; then cli import:credentials --input="$fx/credentials.json"; fi
	if [ -n "$fx" ] && [ -d "$fx/workflows" ]; then cli import:workflow --separate --input="$fx/workflows"; fi
	for id in ${ECTICKET_QUEUE_PUBLISH:-}; do cli publish:workflow --id="$id"; done
	[ -n "$fx" ] && say "migrations + import + publish (${ECTICKET_QUEUE_PUBLISH:-none}): $(since "$T1")"

	T1=$(now)
	start_role main
	wait_ready main 180
	say "main ready on $MAIN_PORT: $(since "$T1")"
	T1=$(now)
	for role in w1 w2 wh1 wh2; do start_role "$role"; done
	for role in w1 w2 wh1 wh2; do wait_ready "$role" 180; done
	say "workers ($W1_PORT, $W2_PORT) + webhook processors ($WH1_PORT, $WH2_PORT) ready: $(since "$T1")"
	curl -s -o /dev/null -X POST "http://127.0.0.1:$MAIN_PORT/rest/owner/setup" -H 'content-type: application/json' -d "$OWNER_JSON"
	say "up in $(since "$T0") — folder $QM; editor http://127.0.0.1:$MAIN_PORT (owner@ecticket.test / EcTicket2026!)"
}

stop_pids() { # stop_pids <pid>...: SIGTERM, wait up to 35 s (n8n drains for up to 30 s), then SIGKILL what is left of each one's session
	local pid deadline
	for pid in "$@"; do kill -TERM "$pid" 2> /dev/null || true; done
	deadline=$(($(date +%s) + 35))
	for pid in "$@"; do
		while alive "$pid" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
		alive "$pid" && { say "pid $pid did not stop in time: SIGKILL"; kill -KILL "$pid" 2> /dev/null || true; }
		# anything left in its session (n8n's task-runner child): it was started by us, under this id
		kill -0 -- "-$pid" 2> /dev/null && kill -KILL -- "-$pid" 2> /dev/null || true
	done
}

stop_role() { # stop_role <role>...: the n8n processes of these roles, in parallel
	local role pid pids=()
	for role in "$@"; do
		pid=$(pid_if "$QM/pids/$role" n8n) && pids+=("$pid")
		# a session left over from a SIGKILLed n8n (its runner child)
		[ -f "$QM/pids/$role" ] && [ -z "${pid:-}" ] && { kill -0 -- "-$(cat "$QM/pids/$role")" 2> /dev/null && kill -KILL -- "-$(cat "$QM/pids/$role")" 2> /dev/null || true; }
		rm -f "$QM/pids/$role"
		pid=
	done
	[ ${#pids[@]} -eq 0 ] || stop_pids "${pids[@]}"
}

down() {
	local T0 pid pg left
	T0=$(now)
	QM=$(current_dir)
	if [ -z "$QM" ]; then say "nothing recorded in $POINTER: nothing to stop"; return 0; fi
	if [ -d "$QM" ]; then
		stop_role wh1 wh2 w1 w2 # webhook processors and workers first, then main
		say "webhook processors + workers stopped: $(since "$T0")"
		stop_role main
		say "main stopped: $(since "$T0")"
		pid=$(pid_if "$QM/pids/redis" redis-server) && stop_pids "$pid"
		pg=$(pgbin)
		if [ -f "$QM/pg/data/postmaster.pid" ] && [ -n "$pg" ]; then
			runuser -u postgres -- "$pg/pg_ctl" -D "$QM/pg/data" -m fast -w stop > /dev/null 2>&1 ||
				{ pid=$(head -1 "$QM/pg/data/postmaster.pid") && kill -QUIT "$pid" 2> /dev/null || true; }
		fi
		if [ "${ECTICKET_QUEUE_KEEP_LOGS:-}" ]; then
			mkdir -p "$ECTICKET_QUEUE_KEEP_LOGS" && cp -r "$QM/logs/." "$ECTICKET_QUEUE_KEEP_LOGS/" && cp "$QM/pg/postgres.log" "$ECTICKET_QUEUE_KEEP_LOGS/" 2> /dev/null
			say "logs kept in $ECTICKET_QUEUE_KEEP_LOGS"
		fi
		rm -rf "$QM"
	fi
	rm -f "$POINTER"
	left=""
	for p in "$PG_PORT" "$REDIS_PORT" "$MAIN_PORT" "$W1_PORT" "$W2_PORT" "$WH1_PORT" "$WH2_PORT"; do
		listening "$p" && left="$left $p"
	done
	[ -z "$left" ] || say "still listening after down:$left"
	say "down in $(since "$T0")"
}

status() {
	QM=$(current_dir)
	[ -n "$QM" ] && [ -d "$QM" ] || { echo "no stack"; return 0; }
	echo "folder $QM"
	local role pid
	for role in $ROLES; do
		pid=$(pid_if "$QM/pids/$role" n8n || true)
		printf '%-5s %-8s port %s\n' "$role" "${pid:-stopped}" "$(port_of "$role")"
	done
	pid=$(pid_if "$QM/pids/redis" redis-server || true)
	printf '%-5s %-8s port %s\n' redis "${pid:-stopped}" "$REDIS_PORT"
	pid=$([ -f "$QM/pg/data/postmaster.pid" ] && head -1 "$QM/pg/data/postmaster.pid" || true)
	printf '%-5s %-8s port %s\n' pg "${pid:-stopped}" "$PG_PORT"
}

case "${1:-}" in
up)
	# a failed start leaves nothing behind
	trap 'rc=$?; trap - EXIT; if [ $rc -ne 0 ]; then say "up failed: taking the stack down"; down; fi; exit $rc' EXIT
	up
	;;
down) down ;;
status) status ;;
dir) current_dir ;;
start)
	QM=$(current_dir)
	[ -n "$QM" ] && [ -d "$QM" ] || die "no stack: run up first"
	port_of "${2:-}" > /dev/null
	pid_if "$QM/pids/$2" n8n > /dev/null && die "$2 is already running"
	source scripts/node24.sh
	N8N_BIN=$(cat "$QM/n8n-bin")
	T0=$(now)
	start_role "$2"
	wait_ready "$2" 180
	say "$2 ready: $(since "$T0")"
	;;
stop)
	QM=$(current_dir)
	[ -n "$QM" ] && [ -d "$QM" ] || die "no stack"
	port_of "${2:-}" > /dev/null
	T0=$(now)
	stop_role "$2"
	say "$2 stopped: $(since "$T0")"
	;;
*)
	sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
	;;
esac
