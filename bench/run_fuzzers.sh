#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan, UBSan) and runs each for SECONDS (default 60),
# seeded from the test fixtures; crashes land in fuzz/crashes/<target>/ (turn each into a
# regression test). Run by hand, not in CI:  bench/run_fuzzers.sh [SECONDS] [TARGET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(extract robots sitemap url charset snapshot csv warc config)
cmake -S "$root" -B "$root/build-fuzz" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSITEGRAPH_FUZZ=ON >/dev/null
cmake --build "$root/build-fuzz" >/dev/null
for t in "${targets[@]}"; do
  corpus=$root/build-fuzz/corpus/$t; crashes=$root/fuzz/crashes/$t
  mkdir -p "$corpus" "$crashes"
  case $t in
    extract|charset) find "$root/tests/fixtures" "$root/examples/site" -name '*.html' -exec cp {} "$corpus/" \; ;;
    robots) printf '/private/x\nUser-agent: *\nDisallow: /private/\nAllow: /private/open$\n' >"$corpus/seed" ;;
    sitemap) find "$root/tests/fixtures" "$root/examples/site" -name 'sitemap*.xml' -exec cp {} "$corpus/" \; ;;
    url) printf '../a/./b?c#d' >"$corpus/rel"; printf 'HTTPS://Ex.COM:443/%%7e/\\x' >"$corpus/abs" ;;
    snapshot) : ;;
    csv) printf 'source,target,weight,rel,placement,anchor\nhttps://s.test/,https://s.test/a,2,nofollow,footer,"A, b"\nhttps://s.test/a,,,,,\n' >"$corpus/edges"
         printf '"Type","Source","Destination","Status Code","Follow","Link Position"\n"Hyperlink","https://s.test/","https://s.test/b","404","false","Navigation"\n' >"$corpus/sf" ;;
    warc) printf 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://w.test/\r\nWARC-Payload-Digest: sha1:A\r\nContent-Length: 95\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n<a href=/a>a</a>\r\n0\r\n\r\n\r\n\r\n' >"$corpus/response"
          printf 'WARC/1.0\r\nWARC-Type: revisit\r\nWARC-Target-URI: <https://w.test/b>\r\nWARC-Payload-Digest: sha1:A\r\nContent-Length: 17\r\n\r\nHTTP/1.1 200 OK\r\n\r\n' >>"$corpus/response"
          printf 'WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://w.test/r\r\nContent-Type: text/html\r\nContent-Length: 16\r\n\r\n<a href=/>h</a>\n\r\n\r\n' >"$corpus/resource" ;;
    config) cp "$root/examples/cron/sitegraph.toml" "$corpus/example.toml"
            printf '[audit]\nmax-pages = 500\nfail-on = ["broken-link", "orphan-page>3", "new"]\nformat = ["json","html"]\noutput = ["r.json","r.html"]\nignore = ["orphan-page:/tag/*"]\nseverity = ["deep-page=off"]\nplacement-weights = "content=1,footer=0.2"\n' >"$corpus/flags.toml" ;;
  esac
  echo "== $t: ${seconds}s"
  "$root/build-fuzz/fuzz/${t}_fuzz" "$corpus" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY)" || true
done
