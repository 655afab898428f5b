# One image recipe for every UCE Graph service: the gateway and the seven subgraphs.
#   docker build --build-arg PROJECT=subgraphs/UCE.Billing/UCE.Billing.csproj --build-arg ASSEMBLY=UCE.Billing -t uce-billing .
#   docker build --build-arg PROJECT=gateway/UCE.Gateway/UCE.Gateway.csproj  --build-arg ASSEMBLY=UCE.Gateway -t uce-gateway .
# docker-compose.yml builds all eight from it.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG PROJECT
WORKDIR /src
# Restore first, from the project files only, so that source edits do not invalidate the package layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY gateway/UCE.Gateway/UCE.Gateway.csproj gateway/UCE.Gateway/
COPY gateway/UCE.Gateway.Engine/UCE.Gateway.Engine.csproj gateway/UCE.Gateway.Engine/
COPY gateway/UCE.Gateway.Composition/UCE.Gateway.Composition.csproj gateway/UCE.Gateway.Composition/
COPY gateway/UCE.Introspection/UCE.Introspection.csproj gateway/UCE.Introspection/
COPY subgraphs/UCE.Subgraphs.Hosting/UCE.Subgraphs.Hosting.csproj subgraphs/UCE.Subgraphs.Hosting/
COPY subgraphs/UCE.Customers/UCE.Customers.csproj subgraphs/UCE.Customers/
COPY subgraphs/UCE.Billing/UCE.Billing.csproj subgraphs/UCE.Billing/
COPY subgraphs/UCE.Usage/UCE.Usage.csproj subgraphs/UCE.Usage/
COPY subgraphs/UCE.Outages/UCE.Outages.csproj subgraphs/UCE.Outages/
COPY subgraphs/UCE.Products/UCE.Products.csproj subgraphs/UCE.Products/
COPY subgraphs/UCE.Communications/UCE.Communications.csproj subgraphs/UCE.Communications/
COPY subgraphs/UCE.Service/UCE.Service.csproj subgraphs/UCE.Service/
RUN test -n "$PROJECT" || (echo "build with --build-arg PROJECT=<path to .csproj>" && false)
RUN dotnet restore "$PROJECT"
COPY gateway/ gateway/
COPY subgraphs/ subgraphs/
COPY schema/ schema/
RUN dotnet publish "$PROJECT" -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
ARG ASSEMBLY
# curl serves the container health checks.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
RUN test -f "${ASSEMBLY}.dll" || (echo "build with --build-arg ASSEMBLY=<assembly name>" && false)
ENV SERVICE_ASSEMBLY=${ASSEMBLY} \
    UCE_BIND_ADDRESS=0.0.0.0 \
    UCE_DATA_DIR=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# SQLite files live here when no connection string is configured (the embedded default).
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
USER $APP_UID
ENTRYPOINT ["sh", "-c", "exec dotnet \"$SERVICE_ASSEMBLY.dll\" \"$@\"", "--"]
