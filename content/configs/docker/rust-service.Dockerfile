# syntax=docker/dockerfile:1
#
# rust-service.Dockerfile: a two-stage build for a Rust HTTP service instrumented with
# OpenTelemetry (opentelemetry, opentelemetry_sdk and opentelemetry-otlp with the grpc-tonic feature).
#
# Expected layout of the build context (the project root):
#   Cargo.toml, Cargo.lock, src/main.rs   one binary crate; the binary is named by APP below
#   docker/rust-service.Dockerfile        this file
# Build:   docker build -f docker/rust-service.Dockerfile -t rust-service:0.1.0 .
# Compose: compose/observability-stack.yaml builds it with the same context and file.
#
# Size settings (lto, codegen-units, strip, panic) live in Cargo.toml's [profile.release],
# not here, so that `cargo build --release` on a laptop produces the same binary.

# ---- Stage 1: build ---------------------------------------------------------------------
# Debian 13 (trixie) builder, to match the glibc of the distroless debian13 runtime below.
# A binary linked against a newer glibc than the runtime's fails at start-up.
FROM rust:1.98.1-slim-trixie AS builder

ARG APP=rust-service
WORKDIR /src

# Dependency layer: build every dependency against a placeholder main.rs. This layer is
# rebuilt only when Cargo.toml or Cargo.lock change, not on every source edit.
COPY Cargo.toml Cargo.lock ./
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    mkdir src && echo 'fn main() {}' > src/main.rs \
    && cargo build --release --locked \
    && rm -rf src

# Application layer. `touch` gives main.rs a newer mtime than the placeholder's build output;
# without it Cargo may consider the crate fresh and ship the placeholder binary.
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    touch src/main.rs \
    && cargo build --release --locked \
    && install -D "target/release/${APP}" /out/app

# ---- Stage 2: run -----------------------------------------------------------------------
# distroless/cc: glibc, libgcc, CA certificates and tzdata; no shell, no package manager.
# The nonroot tag runs as UID/GID 65532.
FROM gcr.io/distroless/cc-debian13:nonroot

COPY --from=builder /out/app /usr/local/bin/app

# Defaults only: Compose and Kubernetes set the real OTEL_* values for each environment.
ENV OTEL_SERVICE_NAME=rust-service \
    RUST_LOG=info

EXPOSE 8080
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/app"]
