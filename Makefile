# Shortcuts for the scripts in scripts/ (the scripts work without make).
.PHONY: demo test build bench clean
demo:
	scripts/demo.sh
test:
	scripts/test.sh
build:
	cmake --preset debug && cmake --build --preset debug
bench:
	scripts/bench.sh
clean:
	rm -rf build
