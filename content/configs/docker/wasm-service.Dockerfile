# Wasm service image: compiles a Rust crate to a WASI binary and ships it in an
# otherwise empty (scratch) image. Build it for the wasi/wasm platform and run it
# with a Wasm containerd shim, for example:
#   docker buildx build --platform wasi/wasm -f wasm-service.Dockerfile -t wasm-service:0.1.0 .
#   docker run --runtime=io.containerd.wasmedge.v1 --platform=wasi/wasm wasm-service:0.1.0
#
# TARGET selects the Rust target:
#   wasm32-wasip1  a core module (WASI 0.1); runs on WasmEdge, Wasmtime and WAMR shims
#   wasm32-wasip2  a component (WASI 0.2); needs a component-aware runtime such as the Wasmtime shim
# BIN is the crate's binary name, so the output is target/$TARGET/release/$BIN.wasm.
# wasm32-wasi, used by older guides, was removed in Rust 1.84; use one of the two above.

ARG TARGET=wasm32-wasip1
ARG BIN=wasm-service

# The build stage runs on the build machine's own platform: there is no Rust
# image for wasi/wasm, and the output is portable Wasm whatever the build host is.
FROM --platform=$BUILDPLATFORM rust:1.98.1-slim-trixie AS build
ARG TARGET
RUN rustup target add "$TARGET"
WORKDIR /src
# Fetch dependencies in their own layer so source edits do not refetch them.
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo 'fn main() {}' > src/main.rs \
    && cargo fetch --locked --target "$TARGET" \
    && rm -rf src
COPY src ./src
RUN cargo build --locked --release --target "$TARGET"

# The runtime image holds one file. The shim, not a Linux userland, executes it.
FROM scratch
ARG TARGET
ARG BIN
COPY --from=build /src/target/${TARGET}/release/${BIN}.wasm /app.wasm
ENTRYPOINT ["/app.wasm"]
