# Source it (`. scripts/node-env.sh`) to get the project's Node.js in this shell: where `node` on PATH is older
# than 24 (or missing), it unpacks Node 24 from the npm registry's prebuilt package (node-<os>-<cpu>) into
# .node/ (git-ignored; once — later runs find it there and use no network), puts its bin/ first on PATH and its
# headers in npm_config_nodedir (for node-gyp). With Node ≥ 24 already on PATH it changes nothing. npm itself
# stays the system's (npm 11 runs on Node 24).
# Works from bash and zsh; .ci/run and the README's commands source it.

ROSTRUM_NODE_VERSION=24.22.3 # the newest 24.x LTS on the registry; engines, .nvmrc, the Dockerfile say 24

# This file's path, read outside the function (in zsh, $0 inside a function is the function's name).
# shellcheck disable=SC3028 # bash sets BASH_SOURCE; zsh sets $0 to the sourced file
_rne_src=${BASH_SOURCE:-$0}

_rostrum_node_env() {
  _rne_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "${_rne_major:-0}" -ge 24 ] 2>/dev/null; then return 0; fi

  # The project root: this file's folder's parent, else the current folder.
  case $_rne_src in
    *node-env.sh) _rne_root=$(cd "$(dirname "$_rne_src")/.." && pwd) ;;
    *) _rne_root=$(pwd) ;;
  esac
  _rne_dir="$_rne_root/.node/v$ROSTRUM_NODE_VERSION"

  if [ ! -x "$_rne_dir/bin/node" ]; then
    case $(uname -s) in
      Linux) _rne_os=linux ;;
      Darwin) _rne_os=darwin ;;
      *) echo "[node-env] no prebuilt Node for $(uname -s) here: install Node ≥ 24 yourself" >&2; return 1 ;;
    esac
    case $(uname -m) in
      x86_64 | amd64) _rne_cpu=x64 ;;
      aarch64 | arm64) _rne_cpu=arm64 ;;
      *) echo "[node-env] no prebuilt Node for $(uname -m) here: install Node ≥ 24 yourself" >&2; return 1 ;;
    esac
    if ! command -v npm >/dev/null 2>&1; then
      echo "[node-env] npm is needed to fetch Node $ROSTRUM_NODE_VERSION (or install Node ≥ 24 yourself)" >&2
      return 1
    fi
    _rne_pkg="node-$_rne_os-$_rne_cpu@$ROSTRUM_NODE_VERSION"
    echo "[node-env] fetching Node $ROSTRUM_NODE_VERSION ($_rne_pkg, npm registry) into .node/" >&2
    _rne_tmp="$_rne_root/.node/.fetch.$$"
    rm -rf "$_rne_tmp" && mkdir -p "$_rne_tmp" || return 1
    # npm checks the tarball against the registry's integrity hash; unpack beside, then move into place whole,
    # so an interrupted fetch never leaves a half-written node behind.
    if (cd "$_rne_tmp" && npm pack "$_rne_pkg" --loglevel=error >/dev/null &&
      tar -xzf ./*.tgz package/bin/node package/include package/LICENSE && rm -f ./*.tgz) &&
      "$_rne_tmp/package/bin/node" -v >/dev/null; then
      rm -rf "$_rne_dir" && mv "$_rne_tmp/package" "$_rne_dir" && rm -rf "$_rne_tmp"
    else
      rm -rf "$_rne_tmp"
      echo "[node-env] could not fetch $_rne_pkg" >&2
      return 1
    fi
  fi

  case ":$PATH:" in
    ":$_rne_dir/bin:"*) ;;
    *) PATH="$_rne_dir/bin:$PATH" && export PATH ;;
  esac
  # A native module built from source (node-gyp) must compile against this Node's headers, not the system's.
  npm_config_nodedir=$_rne_dir && export npm_config_nodedir
  hash -r 2>/dev/null
}

# The sourcing command's status is the set-up's: under `set -e` (as in .ci/run) a failed fetch stops there.
if _rostrum_node_env; then _rne_ok=true; else _rne_ok=false; fi
unset -f _rostrum_node_env
unset _rne_major _rne_src _rne_root _rne_dir _rne_os _rne_cpu _rne_pkg _rne_tmp
$_rne_ok && unset _rne_ok
