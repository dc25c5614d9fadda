# Botwright Studio — the two set-up commands (see README): `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: all setup configure build run test bench package format format-check clean

all: build

setup:
	@bash scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@scripts/launch-studio.sh $(BUILD_DIR)/bin/botwright

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@for b in $(BUILD_DIR)/bin/bench_*; do echo "== $$(basename $$b)"; $$b || exit 1; done

package: build
	@cd $(BUILD_DIR) && cpack

format:
	@scripts/check-format.sh --fix

format-check:
	@scripts/check-format.sh

clean:
	@rm -rf $(BUILD_DIR)
