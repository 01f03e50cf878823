#!/usr/bin/env bash
# `make lighthouse` (issue 15): Lighthouse's mobile accessibility and performance audits of the
# quiz (the contest page and an attempt's answer page), an article and the cooperation report,
# with Debian's Chromium, on the demo data served by gunicorn with production settings (DEBUG=0,
# hashed and compressed static files) from a throw-away SQLite database. Prints the scores and
# keeps the JSON reports in test-artifacts/lighthouse/. Not part of CI: see docs/decisions.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
LIGHTHOUSE=${LIGHTHOUSE:-.cache/lighthouse/node_modules/.bin/lighthouse}
PORT=${LIGHTHOUSE_PORT:-8099}
OUT=test-artifacts/lighthouse
CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
# Lighthouse slows the CPU 4 times, calibrated for a fast desktop (benchmark index ~1500); the
# score lines print this machine's index. LIGHTHOUSE_CPU=1 for a machine that is already as slow
# as the phone emulated (index ~300–500, e.g. two cores shared by several jobs).
CPU=${LIGHTHOUSE_CPU:-4}
export CHROME_PATH

work=$(mktemp -d)
server=""
stop() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT INT TERM

export DEBUG=0 SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
export SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 PORT
export DATABASE_URL="sqlite:///$work/lighthouse.sqlite3"
unset REDIS_URL
echo "Lighthouse: cơ sở dữ liệu tạm $DATABASE_URL, dữ liệu minh họa"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py seed_demo >"$work/seed.log" 2>&1
"$PY" manage.py collectstatic --noinput -v0

# The pages: the contest running now, the answer page of an attempt started by one of its demo
# participants (with the cookie that makes the browser that participant, tests/public_pages.py),
# the latest article and the latest public report.
"$PY" manage.py shell -v0 -c "
from django.urls import reverse
from content.models import Article
from reports.selectors import published_reports
from tests.public_pages import participant_cookie, quiz_visitor
visitor = quiz_visitor()
name, value = participant_cookie(visitor.participant)
print(reverse('contests:contest', args=[visitor.participant.contest.code]))
print(reverse('contests:attempt', args=[visitor.running.key]))
print(Article.objects.published().order_by('-published_at').first().get_absolute_url())
print(reverse('reports:detail', args=[published_reports().order_by('-issued_on', '-pk').first().code]))
print(f'{name}={value}')
" >"$work/pages"
page() { sed -n "$1p" "$work/pages"; }

"$(dirname "$PY")/gunicorn" config.wsgi --bind "127.0.0.1:$PORT" --workers 2 --access-logfile - --log-level warning \
  >"$work/gunicorn.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.5; done

mkdir -p "$OUT"
audit() {  # audit <name> <path> [extra headers JSON]
  local name=$1 path=$2 headers=${3:-}
  local args=(--quiet --output=json --output-path="$OUT/$name.json" --form-factor=mobile
              --only-categories=accessibility,performance --throttling.cpuSlowdownMultiplier="$CPU" --chrome-flags="--headless=new --no-sandbox --disable-gpu")
  [ -n "$headers" ] && args+=(--extra-headers="$headers")
  "$LIGHTHOUSE" "http://127.0.0.1:$PORT$path" "${args[@]}"
  "$PY" - "$OUT/$name.json" "$name" "$path" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
audits = report["audits"]
print(f"{sys.argv[2]:<14} trợ năng {scores['accessibility']:>3}  hiệu năng {scores['performance']:>3}  "
      f"FCP {audits['first-contentful-paint']['displayValue']}, LCP {audits['largest-contentful-paint']['displayValue']}, "
      f"TBT {audits['total-blocking-time']['displayValue']}, CLS {audits['cumulative-layout-shift']['displayValue']}, "
      f"chỉ số CPU {report['environment']['benchmarkIndex']:.0f}  {sys.argv[3]}")
for category in report["categories"].values():
    for ref in category["auditRefs"]:
        audit = audits[ref["id"]]
        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 0.9:
            print(f"    {category['title']}: {audit['title']} ({audit.get('displayValue', audit['score'])})")
EOF
}

echo "Lighthouse $("$LIGHTHOUSE" --version), $("$CHROME_PATH" --version), điện thoại mô phỏng (mạng chậm 4G, CPU chậm $CPU lần)"
audit contest "$(page 1)"
audit attempt "$(page 2)" "{\"Cookie\": \"$(page 5)\"}"
audit article "$(page 3)"
audit report "$(page 4)"
