using System.Globalization;
using UCE.Gateway.Configuration;
using UCE.Gateway.Security;
using UCE.Subgraphs.Hosting.AccessLog;
using YamlDotNet.RepresentationModel;

namespace UCE.Gateway.Tests.Deployment;

/// <summary>
/// The Helm chart (<c>deploy/helm/uce-graph</c>) rendered by a real helm and held against what the services read and map,
/// the Dockerfile and docker-compose.yml: a deployment as users run it.
/// </summary>
public sealed class HelmChartTests
{
    private static RenderedChart Chart => RenderedChart.Default;

    [Fact]
    public void The_chart_passes_helm_lint()
    {
        var output = HelmTool.Run("lint", RepositoryFiles.PathOf(RenderedChart.ChartPath), "--strict");

        Assert.Contains("0 chart(s) failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_service_has_one_deployment_and_one_service_named_as_in_docker_compose()
    {
        var compose = ServiceSources.Compose();
        var expected = ServiceSources.Components.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, compose.Keys.Where(name => compose[name].BuildArguments.ContainsKey("ASSEMBLY")).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Select(RenderedChart.ObjectName), Chart.OfKind("Deployment").Select(d => d.Text("metadata", "name")!).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Select(RenderedChart.ObjectName), Chart.OfKind("Service").Select(d => d.Text("metadata", "name")!).Order(StringComparer.Ordinal));
        foreach (var module in ServiceSources.Subgraphs)
        {
            // The compose service of a subgraph builds the subgraph's own assembly.
            Assert.Equal(module.GetType().Assembly.GetName().Name, compose[module.Name].BuildArguments["ASSEMBLY"]);
        }
    }

    [Fact]
    public void Images_are_named_as_docker_compose_builds_them_under_the_configured_registry_and_tag()
    {
        var chart = RenderedChart.Render("""
            image:
              registry: registry.example.com/uce/
              tag: "2026.12.1"
            """);

        foreach (var component in ServiceSources.Components)
        {
            Assert.Equal($"uce-{component}:0.1.0", Chart.Deployment(component).Container().Text("image"));
            Assert.Equal($"registry.example.com/uce/uce-{component}:2026.12.1", chart.Deployment(component).Container().Text("image"));
        }
    }

    [Fact]
    public void Probes_use_the_health_paths_the_services_map_readiness_and_liveness_apart()
    {
        var gatewayChecks = ServiceSources.HealthChecks(ServiceSources.GatewaySources);
        var subgraphChecks = ServiceSources.HealthChecks(ServiceSources.SubgraphHostSources);
        // The subgraph host's readiness check runs the checks tagged "ready" (the database); its liveness check runs none.
        var ready = Assert.Single(subgraphChecks, check => check.Mapping.Contains("Tags.Contains(\"ready\")", StringComparison.Ordinal)).Path;
        var live = Assert.Single(subgraphChecks, check => check.Mapping.Contains("Predicate = _ => false", StringComparison.Ordinal)).Path;
        // The gateway maps one: 503 until a supergraph is served, then 200.
        var gatewayHealth = Assert.Single(gatewayChecks).Path;

        AssertProbes(Chart.Deployment(ServiceSources.Gateway), readiness: gatewayHealth, liveness: gatewayHealth);
        foreach (var module in ServiceSources.Subgraphs)
        {
            AssertProbes(Chart.Deployment(module.Name), readiness: ready, liveness: live);
        }
    }

    [Fact]
    public void Container_ports_are_the_ports_docker_compose_and_the_services_use()
    {
        var compose = ServiceSources.Compose();
        var gatewayPort = compose[ServiceSources.Gateway].Environment["Gateway__Port"];
        Assert.Equal(new GatewayHostOptions().Port.ToString(CultureInfo.InvariantCulture), gatewayPort);
        AssertPort(ServiceSources.Gateway, gatewayPort);
        Assert.Equal(gatewayPort, Chart.Deployment(ServiceSources.Gateway).Container().Environment()["Gateway__Port"]);

        foreach (var module in ServiceSources.Subgraphs)
        {
            var port = module.DefaultPort.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(port, compose[module.Name].Environment["UCE_PORT"]);
            AssertPort(module.Name, port);
            Assert.Equal(port, Chart.Deployment(module.Name).Container().Environment()["UCE_PORT"]);
        }
    }

    [Fact]
    public void Every_connection_string_the_code_reads_is_set_on_the_deployment_that_reads_it()
    {
        var read = ServiceSources.ConnectionStringsRead();
        // The scan finds the reads it must: Redis on both sides, the shared audit log and each subgraph's own database.
        Assert.Contains("ConnectionStrings__Redis", read[ServiceSources.Gateway]);
        Assert.Contains($"ConnectionStrings__{AgentAccessLogTarget.ConnectionStringName}", read["billing"]);
        Assert.Contains("ConnectionStrings__Billing", read["billing"]);
        Assert.Contains("ConnectionStrings__BillingReadOnly", read["billing"]);

        foreach (var (component, names) in read)
        {
            var environment = Chart.Deployment(component).Container().Environment();
            foreach (var name in names)
            {
                Assert.True(environment.ContainsKey(name), $"{component} reads {name}, which its Deployment does not set.");
            }
        }
    }

    [Fact]
    public void Every_setting_docker_compose_gives_a_service_the_chart_gives_it_too()
    {
        // The host's own default: subgraphs log at Information without it.
        string[] leftToDefaults = ["Logging__LogLevel__Default"];

        foreach (var (service, definition) in ServiceSources.Compose().Where(s => s.Value.BuildArguments.ContainsKey("ASSEMBLY")))
        {
            var environment = Chart.Deployment(service).Container().Environment();
            var missing = definition.Environment.Keys.Except(leftToDefaults).Where(name => !environment.ContainsKey(name)).ToList();
            Assert.True(missing.Count == 0, $"docker-compose.yml sets {string.Join(", ", missing)} on {service}; the chart does not.");
        }
    }

    [Fact]
    public void The_subgraph_host_settings_are_set_by_the_chart_or_the_image()
    {
        var image = ServiceSources.DockerfileEnvironment();
        var keys = ServiceSources.SubgraphHostEnvironmentKeys();
        Assert.Superset(new HashSet<string>(["UCE_PORT", "UCE_BIND_ADDRESS"]), keys.ToHashSet());

        foreach (var module in ServiceSources.Subgraphs)
        {
            var environment = Chart.Deployment(module.Name).Container().Environment();
            foreach (var key in keys)
            {
                Assert.True(environment.ContainsKey(key) || image.ContainsKey(key), $"{module.Name} reads {key}; neither the chart nor the image sets it.");
            }

            // Listening on loopback only would pass no probe and serve no gateway.
            Assert.Equal("0.0.0.0", environment["UCE_BIND_ADDRESS"]);
        }

        Assert.Equal("0.0.0.0", image["UCE_BIND_ADDRESS"]);
        // The image keeps SQLite files in UCE_DATA_DIR when no connection string is set: a volume, since the root is read-only.
        Assert.Contains(Chart.Deployment("billing").Container().Items("volumeMounts"), mount => mount.Text("mountPath") == image["UCE_DATA_DIR"]);
    }

    [Fact]
    public void The_gateway_serves_the_mounted_supergraph_and_reaches_each_subgraph_through_its_service()
    {
        var environment = Chart.Deployment(ServiceSources.Gateway).Container().Environment();
        var supergraph = Schema("supergraph.graphql");

        Assert.Equal("0.0.0.0", environment[$"{GatewayHostOptions.SectionName}__{nameof(GatewayHostOptions.ListenAddress)}"]);
        Assert.Equal("true", environment[$"{GatewayHostOptions.SectionName}__{nameof(GatewayHostOptions.HotReload)}"]);
        foreach (var module in ServiceSources.Subgraphs)
        {
            // The subgraph names of the supergraph's join__Graph are the keys the gateway overrides URLs by.
            Assert.Contains($"@join__graph(name: \"{module.Name}\"", supergraph, StringComparison.Ordinal);
            var service = Chart.Single("Service", RenderedChart.ObjectName(module.Name));
            var port = service.Items("spec", "ports").Single().Text("port");
            Assert.Equal(
                $"http://{RenderedChart.ObjectName(module.Name)}:{port}/graphql",
                environment[$"{GatewayHostOptions.SectionName}__{nameof(GatewayHostOptions.Subgraphs)}__{module.Name}__{nameof(SubgraphEndpointOptions.Url)}"]);
        }
    }

    [Fact]
    public void The_supergraph_config_map_holds_schema_supergraph_graphql_mounted_where_the_gateway_reads_it()
    {
        var deployment = Chart.Deployment(ServiceSources.Gateway);
        var path = deployment.Container().Environment()[$"{GatewayHostOptions.SectionName}__{nameof(GatewayHostOptions.SupergraphPath)}"];
        var directory = path[..path.LastIndexOf('/')];
        var file = path[(path.LastIndexOf('/') + 1)..];

        var mount = Assert.Single(deployment.Container().Items("volumeMounts"), m => m.Text("mountPath") == directory);
        // A subPath mount never sees the kubelet's updates: the hot reload would never fire.
        Assert.Null(mount.At("subPath"));
        var volume = Assert.Single(deployment.Items("spec", "template", "spec", "volumes"), v => v.Text("name") == mount.Text("name"));
        var configMap = Chart.Single("ConfigMap", volume.Text("configMap", "name")!);
        Assert.Equal(Schema("supergraph.graphql"), configMap.Text("data", file));
        // The chart can only read files inside it: its copy must be the composed supergraph.
        Assert.True(
            Schema("supergraph.graphql") == RepositoryFiles.Read($"{RenderedChart.ChartPath}/files/supergraph.graphql"),
            $"{RenderedChart.ChartPath}/files/supergraph.graphql is not schema/supergraph.graphql; after compose, copy it: cp schema/supergraph.graphql {RenderedChart.ChartPath}/files/");
    }

    [Fact]
    public void Secrets_are_referenced_from_a_secret_never_written_into_a_deployment()
    {
        var secret = Assert.Single(Chart.OfKind("Secret"));
        var secretName = secret.Text("metadata", "name");
        var keys = secret.Map("stringData").Keys.ToHashSet(StringComparer.Ordinal);

        foreach (var deployment in Chart.OfKind("Deployment"))
        {
            foreach (var variable in deployment.Container().Items("env"))
            {
                var name = variable.Text("name")!;
                if (IsSecret(name))
                {
                    Assert.Null(variable.At("value"));
                    Assert.Equal(secretName, variable.Text("valueFrom", "secretKeyRef", "name"));
                    Assert.True(
                        keys.Contains(variable.Text("valueFrom", "secretKeyRef", "key")!) || variable.Text("valueFrom", "secretKeyRef", "optional") == "true",
                        $"{name} refers to a key the chart's Secret does not hold.");
                }
                else
                {
                    Assert.DoesNotContain("Password=", variable.Text("value") ?? "", StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        Assert.Matches("^k1:[A-Za-z0-9+/]{43}=$", secret.Text("stringData", "identity-signing-keys"));
    }

    [Fact]
    public void An_existing_secret_replaces_the_charts_own()
    {
        var chart = RenderedChart.Render("secrets: { existingSecret: uce-production }");

        Assert.Empty(chart.OfKind("Secret"));
        foreach (var component in ServiceSources.Components)
        {
            var environment = chart.Deployment(component).Container().Environment();
            Assert.Equal("secret:uce-production/identity-signing-keys", environment[IdentitySigningConfiguration.SigningKeysKey.Replace(":", "__", StringComparison.Ordinal)]);
            Assert.Equal("secret:uce-production/connection-string-redis", environment["ConnectionStrings__Redis"]);
        }
    }

    [Fact]
    public void Token_validation_settings_reach_the_gateway_with_the_jwks_mounted_as_a_file()
    {
        var chart = RenderedChart.Render("""
            gateway:
              authentication:
                issuer: https://login.uce.example
                audiences: [uce-graph]
                jwks: '{"keys":[]}'
            """);
        var deployment = chart.Deployment(ServiceSources.Gateway);
        var environment = deployment.Container().Environment();
        var section = GatewayHostOptions.SectionName + "__" + nameof(GatewayHostOptions.Authentication);

        Assert.Equal("https://login.uce.example", environment[$"{section}__Issuer"]);
        Assert.Equal("uce-graph", environment[$"{section}__Audiences__0"]);
        var jwksPath = environment[$"{section}__JwksPath"];
        var mount = Assert.Single(deployment.Container().Items("volumeMounts"), m => jwksPath.StartsWith(m.Text("mountPath") + "/", StringComparison.Ordinal));
        var volume = Assert.Single(deployment.Items("spec", "template", "spec", "volumes"), v => v.Text("name") == mount.Text("name"));
        var secret = chart.Single("Secret", volume.Text("secret", "secretName")!);
        Assert.Equal("{\"keys\":[]}", secret.Text("stringData", jwksPath[(jwksPath.LastIndexOf('/') + 1)..]));
    }

    [Fact]
    public void Only_the_gateway_reaches_a_subgraph_and_the_gateway_only_from_the_configured_peers()
    {
        var policies = Chart.OfKind("NetworkPolicy").ToList();
        var gatewayPods = PodLabels(Chart.Deployment(ServiceSources.Gateway));

        foreach (var module in ServiceSources.Subgraphs)
        {
            var pods = PodLabels(Chart.Deployment(module.Name));
            var policy = Assert.Single(policies, p => Selects(p.Map("spec", "podSelector", "matchLabels"), pods));
            Assert.Contains("Ingress", ((YamlSequenceNode)policy.At("spec", "policyTypes")!).Children.Select(c => ((YamlScalarNode)c).Value));
            var rule = Assert.Single(policy.Items("spec", "ingress"));
            Assert.Equal("http", Assert.Single(rule.Items("ports")).Text("port"));
            // Within the release only the gateway's pods; besides them only the monitoring namespace, for /metrics.
            var peers = rule.Items("from").ToList();
            var peer = Assert.Single(peers, p => p.At("podSelector") is not null);
            Assert.Null(peer.At("namespaceSelector"));
            Assert.True(Selects(peer.Map("podSelector", "matchLabels"), gatewayPods), $"{module.Name}'s policy does not admit the gateway.");
            foreach (var other in ServiceSources.Subgraphs.Where(o => o.Name != module.Name))
            {
                Assert.False(Selects(peer.Map("podSelector", "matchLabels"), PodLabels(Chart.Deployment(other.Name))), $"{other.Name} may reach {module.Name}.");
            }

            var scraper = Assert.Single(peers, p => p.At("podSelector") is null);
            Assert.Null(scraper.At("ipBlock"));
            Assert.Equal("monitoring", scraper.Text("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
        }

        // Without a metrics peer a subgraph admits the gateway alone.
        var gatewayOnly = RenderedChart.Render("networkPolicy: { metricsFrom: [] }");
        foreach (var module in ServiceSources.Subgraphs)
        {
            var pods = PodLabels(gatewayOnly.Deployment(module.Name));
            var policy = Assert.Single(gatewayOnly.OfKind("NetworkPolicy"), p => Selects(p.Map("spec", "podSelector", "matchLabels"), pods));
            var peer = Assert.Single(Assert.Single(policy.Items("spec", "ingress")).Items("from"));
            Assert.True(Selects(peer.Map("podSelector", "matchLabels"), gatewayPods));
        }

        var gatewayPolicy = Assert.Single(policies, p => Selects(p.Map("spec", "podSelector", "matchLabels"), gatewayPods));
        var gatewayRule = Assert.Single(gatewayPolicy.Items("spec", "ingress"));
        Assert.NotEmpty(gatewayRule.Items("from"));
        Assert.Equal("http", Assert.Single(gatewayRule.Items("ports")).Text("port"));
    }

    [Fact]
    public void Every_deployment_has_an_autoscaler_and_a_disruption_budget()
    {
        foreach (var component in ServiceSources.Components)
        {
            var deployment = Chart.Deployment(component);
            var name = deployment.Text("metadata", "name")!;
            var autoscaler = Assert.Single(Chart.OfKind("HorizontalPodAutoscaler"), h => h.Text("spec", "scaleTargetRef", "name") == name);
            Assert.Equal("autoscaling/v2", autoscaler.Text("apiVersion"));
            Assert.Equal("Deployment", autoscaler.Text("spec", "scaleTargetRef", "kind"));
            Assert.True(int.Parse(autoscaler.Text("spec", "minReplicas")!, CultureInfo.InvariantCulture) >= 2, $"{component} scales down to one pod, which its budget then never lets go.");
            // The autoscaler owns the replica count: a fixed one would fight it on every upgrade.
            Assert.Null(deployment.At("spec", "replicas"));

            var budget = Assert.Single(Chart.OfKind("PodDisruptionBudget"), p => Selects(p.Map("spec", "selector", "matchLabels"), PodLabels(deployment)));
            Assert.Equal("policy/v1", budget.Text("apiVersion"));

            var resources = deployment.Container().At("resources")!;
            Assert.All(new[] { "requests", "limits" }, kind => Assert.NotNull(resources.Text(kind, "cpu")));
            Assert.All(new[] { "requests", "limits" }, kind => Assert.NotNull(resources.Text(kind, "memory")));
        }
    }

    [Fact]
    public void The_kubelet_waits_longer_than_the_gateway_drains_requests_in_flight()
    {
        var deployment = Chart.Deployment(ServiceSources.Gateway);
        var environment = deployment.Container().Environment();
        var key = $"{GatewayHostOptions.SectionName}__{nameof(GatewayHostOptions.Server)}__{nameof(GatewayServerOptions.ShutdownTimeout)}";
        var shutdown = environment.TryGetValue(key, out var configured)
            ? TimeSpan.Parse(configured, CultureInfo.InvariantCulture)
            : new GatewayServerOptions().ShutdownTimeout;
        var preStop = TimeSpan.FromSeconds(int.Parse(
            ((YamlSequenceNode)deployment.Container().At("lifecycle", "preStop", "exec", "command")!).Children.OfType<YamlScalarNode>().Last().Value!,
            CultureInfo.InvariantCulture));
        var grace = TimeSpan.FromSeconds(int.Parse(deployment.Text("spec", "template", "spec", "terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture));

        Assert.True(grace > preStop + shutdown, $"terminationGracePeriodSeconds {grace.TotalSeconds} s does not outlast the preStop {preStop.TotalSeconds} s + ShutdownTimeout {shutdown.TotalSeconds} s.");
        Assert.Throws<InvalidOperationException>(() => RenderedChart.Render("gateway: { shutdownTimeoutSeconds: 60 }"));
    }

    [Fact]
    public void Prometheus_scrapes_the_gateways_metrics_path_and_port()
    {
        var deployment = Chart.Deployment(ServiceSources.Gateway);
        var annotations = deployment.Map("spec", "template", "metadata", "annotations");

        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal(ServiceSources.MetricsPath(), annotations["prometheus.io/path"]);
        Assert.Equal(Assert.Single(deployment.Container().Items("ports")).Text("containerPort"), annotations["prometheus.io/port"]);
    }

    [Fact]
    public void Prometheus_scrapes_every_subgraphs_metrics_path_and_port_and_switching_it_off_removes_both()
    {
        var path = ServiceSources.MetricsPath(ServiceSources.SubgraphHostSources);
        var off = RenderedChart.Render("subgraphDefaults: { metrics: { enabled: false } }");
        foreach (var module in ServiceSources.Subgraphs)
        {
            var deployment = Chart.Deployment(module.Name);
            var annotations = deployment.Map("spec", "template", "metadata", "annotations");
            Assert.Equal("true", annotations["prometheus.io/scrape"]);
            Assert.Equal(path, annotations["prometheus.io/path"]);
            Assert.Equal(Assert.Single(deployment.Container().Items("ports")).Text("containerPort"), annotations["prometheus.io/port"]);
            Assert.Equal("true", deployment.Container().Environment()["Subgraph__Metrics__Enabled"]);

            var disabled = off.Deployment(module.Name);
            Assert.False(disabled.Map("spec", "template", "metadata", "annotations").ContainsKey("prometheus.io/scrape"));
            Assert.Equal("false", disabled.Container().Environment()["Subgraph__Metrics__Enabled"]);
        }
    }

    private static void AssertProbes(YamlMappingNode deployment, string readiness, string liveness)
    {
        var container = deployment.Container();
        var name = deployment.Text("metadata", "name");
        Assert.True(readiness == container.Text("readinessProbe", "httpGet", "path"), $"{name}: readiness probe is not {readiness}.");
        Assert.True(liveness == container.Text("livenessProbe", "httpGet", "path"), $"{name}: liveness probe is not {liveness}.");
        Assert.True(liveness == container.Text("startupProbe", "httpGet", "path") || readiness == container.Text("startupProbe", "httpGet", "path"), $"{name}: startup probe on an unmapped path.");
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            Assert.Equal("http", container.Text(probe, "httpGet", "port"));
        }
    }

    private static void AssertPort(string component, string port)
    {
        var container = Chart.Deployment(component).Container();
        var containerPort = Assert.Single(container.Items("ports"));
        Assert.Equal(port, containerPort.Text("containerPort"));
        Assert.Equal("http", containerPort.Text("name"));
        var servicePort = Assert.Single(Chart.Single("Service", RenderedChart.ObjectName(component)).Items("spec", "ports"));
        Assert.Equal("http", servicePort.Text("targetPort"));
    }

    private static bool IsSecret(string name) =>
        name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
        || name == IdentitySigningConfiguration.SigningKeysKey.Replace(":", "__", StringComparison.Ordinal)
        || name.EndsWith("Password", StringComparison.Ordinal)
        || name.EndsWith("Authorization", StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, string> PodLabels(YamlMappingNode deployment) =>
        deployment.Map("spec", "template", "metadata", "labels");

    private static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static string Schema(string file) => RepositoryFiles.Read($"schema/{file}");
}
