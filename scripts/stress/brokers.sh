# Helpers shared by the broker fault scripts (sourced): free ports, a nats-server with JetStream and a rabbitmq-server
# node on loopback with their own folders under $work, each stopped and started again on the same port and folders.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_port() { # port seconds [pid that must stay alive]
  for _ in $(seq 1 $(( $2 * 10 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    [ -z "${3:-}" ] || kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

nats_start() { # uses $nats_port, $work
  mkdir -p "$work/nats"
  nats-server -a 127.0.0.1 -p "$nats_port" -js -sd "$work/nats" >>"$work/nats.log" 2>&1 &
  nats_pid=$!
  wait_port "$nats_port" 30 "$nats_pid" || { echo "nats-server did not start (log: $work/nats.log)"; exit 1; }
}

nats_stop() { kill -TERM "$nats_pid" 2>/dev/null; wait "$nats_pid" 2>/dev/null; nats_pid=""; }

rabbit_start() { # uses $rabbit_port, $rabbit_dist, $rabbit_node, $work
  chmod 755 "$work"  # the node runs as the rabbitmq user, which must reach its folders
  mkdir -p "$work/rabbit/mnesia" "$work/rabbit/log"
  [ -f "$work/rabbit/enabled_plugins" ] || echo "[]." > "$work/rabbit/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$work/rabbit"
  RABBITMQ_NODE_PORT="$rabbit_port" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_DIST_PORT="$rabbit_dist" \
    RABBITMQ_NODENAME="$rabbit_node" RABBITMQ_MNESIA_BASE="$work/rabbit/mnesia" RABBITMQ_LOG_BASE="$work/rabbit/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$work/rabbit/enabled_plugins" RABBITMQ_FEATURE_FLAGS_FILE="$work/rabbit/feature_flags" \
    rabbitmq-server >>"$work/rabbit.log" 2>&1 &
  rabbit_pid=$!
  wait_port "$rabbit_port" 120 "$rabbit_pid" || { echo "rabbitmq-server did not start (log: $work/rabbit.log)"; exit 1; }
}

rabbit_stop() {
  rabbitmqctl -n "$rabbit_node" stop >>"$work/rabbit.log" 2>&1 || kill -9 "$rabbit_pid" 2>/dev/null
  wait "$rabbit_pid" 2>/dev/null
  rabbit_pid=""
}

# Appends "<unix seconds> <status>" of /healthz/ready every half second until killed.
sample_ready() { # url file
  while true; do
    echo "$(date +%s) $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1/healthz/ready")" >> "$2"
    sleep 0.5
  done
}
