# syntax=docker/dockerfile:1
#
# rust-service.Dockerfile: two-stage build of a Rust HTTP service that is
# instrumented with OpenTelemetry (opentelemetry, opentelemetry_sdk and
# opentelemetry-otlp with the grpc-tonic feature).
#
# Build context = the project root: Cargo.toml, Cargo.lock and src/main.rs of
# one binary crate (its name is APP below), and this file in docker/.
#   docker build -f docker/rust-service.Dockerfile -t rust-service:0.1.0 .
# compose/observability-stack.yaml builds it with the same context and file.
#
# Size settings (lto, codegen-units, strip, panic) live in Cargo.toml's
# [profile.release], so a local `cargo build --release` gives the same binary.

# ---- Stage 1: build --------------------------------------------------------
# Debian 13 (trixie), to match the glibc of the distroless debian13 runtime
# below: a binary linked against a newer glibc than the runtime's will not
# start.
FROM rust:1.98.1-slim-trixie AS builder

ARG APP=rust-service
WORKDIR /src

# Dependency layer: compile every dependency against a placeholder main.rs.
# It is rebuilt only when Cargo.toml or Cargo.lock change.
COPY Cargo.toml Cargo.lock ./
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    mkdir src && echo 'fn main() {}' > src/main.rs \
    && cargo build --release --locked \
    && rm -rf src

# Application layer. `touch` makes main.rs newer than the placeholder's build
# output; otherwise Cargo may consider the crate fresh and keep the
# placeholder binary.
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    touch src/main.rs \
    && cargo build --release --locked \
    && install -D "target/release/${APP}" /out/app

# ---- Stage 2: run ----------------------------------------------------------
# distroless/cc: glibc, libgcc, CA certificates and tzdata; no shell and no
# package manager. The nonroot tag runs as UID/GID 65532.
FROM gcr.io/distroless/cc-debian13:nonroot

COPY --from=builder /out/app /usr/local/bin/app

# Defaults only: Compose and Kubernetes set the real OTEL_* values.
ENV OTEL_SERVICE_NAME=rust-service \
    RUST_LOG=info

EXPOSE 8080
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/app"]
