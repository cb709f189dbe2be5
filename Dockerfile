# Image of the kamgraph HTTP service. Build from the repository root:
#   docker build -t kamgraph .
# docker-compose.yml runs it next to Neo4j.

FROM golang:1.26 AS build
WORKDIR /src

# Download modules in their own layer, so that source edits reuse it.
COPY go.mod go.sum ./
RUN go mod download

COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/kamgraph ./cmd/kamgraph

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin kamgraph
COPY --from=build /out/kamgraph /usr/local/bin/kamgraph
USER kamgraph:kamgraph
EXPOSE 8080
# Arguments given to `docker run` or the compose `command` follow these, for example --demo.
ENTRYPOINT ["kamgraph", "serve", "--addr", ":8080"]
