# syntax=docker/dockerfile:1
# query-service image. Build from the repository root as context:
#   docker build -f docker/query-service.Dockerfile -t ledger/query-service .
# (docker/compose.yaml does this.)

# ---- build: Maven + JDK 17, building only query-service and the modules it needs
FROM maven:3.9-eclipse-temurin-17 AS build
ARG LEDGER_VERSION=0.1.0-SNAPSHOT
WORKDIR /src
# Every module's pom, so Maven can read the reactor; then only the sources this image needs.
COPY pom.xml ./
COPY shared-events/pom.xml shared-events/
COPY local-infra/pom.xml local-infra/
COPY shared-web/pom.xml shared-web/
COPY command-service/pom.xml command-service/
COPY query-service/pom.xml query-service/
COPY system-tests/pom.xml system-tests/
COPY benchmarks/pom.xml benchmarks/
COPY shared-events/src shared-events/src
COPY local-infra/src local-infra/src
COPY shared-web/src shared-web/src
COPY query-service/src query-service/src
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl query-service -am package \
    && cp query-service/target/query-service-${LEDGER_VERSION}.jar /query-service.jar

# ---- runtime: JRE 17, non-root
FROM eclipse-temurin:17-jre
RUN groupadd --system ledger && useradd --system --gid ledger --home-dir /app --shell /usr/sbin/nologin ledger
WORKDIR /app
COPY --from=build /query-service.jar /app/query-service.jar
USER ledger
ENV LEDGER_BIND_ADDRESS=0.0.0.0 \
    LEDGER_QUERY_PORT=8081
EXPOSE 8081
# bash's /dev/tcp, so the image needs no curl: healthy once the readiness probe answers 200.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${LEDGER_QUERY_PORT:-8081} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 200 '* ]]"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/query-service.jar"]
