#!/usr/bin/env bash
# Start the web server and a Celery worker with beat on the embedded broker.
# Ctrl-C (or the end of either process) stops both.
set -euo pipefail
BIN="$1"; HOST="$2"; PORT="$3"

"$BIN/python" -m celery -A settings worker --beat --loglevel=INFO --concurrency=2 \
    --schedule=var/celerybeat-schedule &
WORKER=$!
"$BIN/python" manage.py runserver "$HOST:$PORT" &
WEB=$!

stop() {
    trap - INT TERM EXIT
    kill "$WEB" "$WORKER" 2>/dev/null || true
    wait "$WEB" "$WORKER" 2>/dev/null || true
}
trap stop INT TERM EXIT

echo "Engagement Hub: http://$HOST:$PORT/de/ and http://$HOST:$PORT/en/ (Ctrl-C stops web and worker)"
wait -n "$WEB" "$WORKER"
