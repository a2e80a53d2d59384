#!/usr/bin/env bash
# End-to-end throughput and peak memory of `factum extract`, one thread vs
# two, on a corpus built by make_corpus.py. Prints MB/s, the two-thread
# speed-up (a ratio measured in the same run) and peak RSS.
#
# usage: benches/throughput.sh [CORPUS_DIR] [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-target/bench-corpus}
mb=${2:-300}
cargo build --release --quiet
if [ ! -d "$corpus" ]; then python3 benches/make_corpus.py "$corpus" --mb "$mb"; fi
bytes=$(du -sb "$corpus" | cut -f1)
docs=$(find "$corpus" -type f | wc -l)
run() {
  local threads=$1 out=$2
  /usr/bin/time -f "%e %M" -o target/bench-time.txt \
    target/release/factum extract "$corpus" --threads "$threads" --quiet -o "$out"
  read -r secs rss_kb < target/bench-time.txt
  local lines; lines=$(wc -l < "$out")
  [ "$lines" -eq "$docs" ] || { echo "records $lines != documents $docs" >&2; exit 1; }
  echo "$secs $rss_kb"
}
read -r s1 m1 < <(run 1 target/bench-out1.jsonl)
read -r s2 m2 < <(run 2 target/bench-out2.jsonl)
python3 - "$bytes" "$docs" "$s1" "$m1" "$s2" "$m2" <<'PY'
import sys
b, d, s1, m1, s2, m2 = int(sys.argv[1]), int(sys.argv[2]), *map(float, sys.argv[3:])
mb = b / 1e6
print(f"corpus: {d} documents, {mb:.1f} MB; records = documents")
print(f"1 thread : {s1:7.2f} s  {mb/s1:7.1f} MB/s  peak RSS {m1/1024:6.1f} MB")
print(f"2 threads: {s2:7.2f} s  {mb/s2:7.1f} MB/s  peak RSS {m2/1024:6.1f} MB")
print(f"speed-up : {s1/s2:.2f}x")
PY
