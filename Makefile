# OZG-Atlas NRW. `make run` serves the portal on the embedded SQLite default with the real data;
# `make test` runs every check. Both install what is missing first (idempotent).
SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/ozg-atlas/target
# cargo-leptos sets this for its builds; setting it for plain cargo too keeps one set of artifacts.
export LEPTOS_OUTPUT_NAME := ozg-atlas
DATABASE_URL ?= sqlite:var/ozg-atlas.sqlite
ADDR ?= 127.0.0.1:3000

.PHONY: run test bench release werkzeuge

werkzeuge:
	@scripts/werkzeuge.sh >/dev/null

# The release build writes its own site directory and stamps it with its binary.
release: werkzeuge
	eval "$$(scripts/werkzeuge.sh)" && LEPTOS_SITE_ROOT="$$(scripts/site.sh release)" cargo leptos build --release --split
	"$(CARGO_TARGET_DIR)/release/ozg-atlas" site-stempeln --site-root "$$(scripts/site.sh release)"

run: release
	DATABASE_URL='$(DATABASE_URL)' LEPTOS_SITE_ROOT="$$(scripts/site.sh release)" "$(CARGO_TARGET_DIR)/release/ozg-atlas" serve --addr '$(ADDR)'

test: werkzeuge
	scripts/test.sh

bench: release
	scripts/bench.sh
