using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace UCE.Gateway.Tests.Ide;

/// <summary>
/// Banana Cake Pop in headless Chromium (Debian's <c>chromium</c> and <c>chromium-driver</c>) against the gateway over the
/// UCE subgraphs: it loads the schema, runs a query and a subscription and shows their results, and asks nothing of any host
/// but the gateway. Every request of the page is read from Chromium's performance log; requests of its workers are not in
/// that log, so Chromium also sends everything not addressed to the loopback interface to <see cref="OutsideRequestTrap"/>,
/// which refuses and records it.
/// </summary>
public sealed class GraphQLIdeBrowserTests(UceSubgraphsFixture subgraphs, ITestOutputHelper output) : IClassFixture<UceSubgraphsFixture>
{
    private static readonly string[] Statuses = ["REPORTED", "CONFIRMED", "CREW_DISPATCHED", "RESTORING", "RESTORED"];

    [ChromiumFact]
    public async Task Banana_cake_pop_loads_the_schema_runs_a_query_and_asks_only_the_gateway()
    {
        var requests = new GatewayRequestLog();
        await using var gateway = await StartGatewayAsync(requests);
        var origin = gateway.Address!.GetLeftPart(UriPartial.Authority);
        using var products = await gateway.Client.SendAsync(GraphQLHttp.PostQuery("{ products { name } }"));
        var productName = (await products.ReadJsonAsync())["data"]!["products"]![0]!["name"]!.GetValue<string>();

        using var trap = OutsideRequestTrap.Start();
        using var driver = Chromium.Start(trap);
        await RunInBrowserAsync(driver, "graphql-ide.png", () =>
        {
            var wait = OpenDocument(driver, origin + "/graphql");
            TypeAndRun(driver, wait, "{ products { name");

            wait.Until(d => BodyText(d).Contains(productName, StringComparison.Ordinal));
            Assert.Contains(requests.Entries, r => r is { Method: "POST", Path: "/graphql" });
            AssertAskedOnlyTheGateway(driver, trap, origin);
            return Task.CompletedTask;
        });
    }

    [ChromiumFact]
    public async Task Banana_cake_pop_subscribes_over_the_gateway_websocket_and_shows_each_change()
    {
        var requests = new GatewayRequestLog();
        await using var gateway = await StartGatewayAsync(requests);
        var origin = gateway.Address!.GetLeftPart(UriPartial.Authority);
        var active = await Customer360Tests.PostAsAgentAsync(gateway, "{ activeOutages(first: 50) { id status } }");
        var outage = active["data"]!["activeOutages"]!.AsArray()
            .First(o => Array.IndexOf(Statuses, o!["status"]!.GetValue<string>()) < Statuses.Length - 1)!;
        var outageId = outage["id"]!.GetValue<string>();
        var next = Statuses[Array.IndexOf(Statuses, outage["status"]!.GetValue<string>()) + 1];
        var feed = subgraphs.Service<UCE.Outages.Events.OutageChangeFeed>("outages");
        var listening = feed.ListenerCount;

        var webSockets = gateway.Services.GetRequiredService<UCE.Gateway.Transport.GatewayWebSocketEndpoint>();
        var upgradedBefore = webSockets.ConnectionsUpgradedAtConnection;
        using var trap = OutsideRequestTrap.Start();
        using var driver = Chromium.Start(trap);
        await RunInBrowserAsync(driver, "graphql-ide-subscription.png", async () =>
        {
            var wait = OpenDocument(driver, origin + "/graphql/ui/");
            TypeAndRun(driver, wait, $"subscription {{ outageStatusChanged(outageId: \"{outageId}\") {{ id status");
            await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(feed.ListenerCount > listening), TimeSpan.FromSeconds(60), "the IDE's subscription reached the outages subgraph");

            var moved = await Customer360Tests.PostAsAgentAsync(
                gateway,
                "mutation($input: UpdateOutageStatusInput!) { updateOutageStatus(input: $input) { outage { status } } }",
                new { input = new { outageId, status = next } });
            Assert.Null(moved["errors"]);

            wait.Until(d => BodyText(d).Contains(next, StringComparison.Ordinal));
            // The IDE's engine runs in a worker, whose WebSocket the page's log does not show: the gateway saw it, answered
            // below the HTTP server (Gateway:Server:WebSocketsAtConnection), so not in the request log.
            Assert.True(webSockets.ConnectionsUpgradedAtConnection > upgradedBefore, "The IDE's subscription did not come over a graphql-transport-ws WebSocket.");
            Assert.DoesNotContain(requests.Entries, r => r.WebSocketProtocols.Length > 0);
            AssertAskedOnlyTheGateway(driver, trap, origin);
        });
    }

    private Task<GatewayTestHost> StartGatewayAsync(GatewayRequestLog requests)
    {
        Assert.True(GraphQLIdeBuild.IsBuilt, "Banana Cake Pop is not in the build output: build the gateway with npm installed.");
        return subgraphs.StartGatewayAsync(
            new Dictionary<string, string?> { ["Gateway:Ide:Enabled"] = "true", ["Gateway:Introspection"] = "true" },
            builder => builder.Services.AddSingleton<IStartupFilter>(requests),
            overSockets: true);
    }

    /// <summary>Opens the IDE at <paramref name="url"/>, creates a document and waits until the IDE has the schema.</summary>
    private static WebDriverWait OpenDocument(ChromeDriver driver, string url)
    {
        driver.Navigate().GoToUrl(url);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(60)) { PollingInterval = TimeSpan.FromMilliseconds(250) };
        Click(wait, "//button[normalize-space()='Create Document']");

        // The IDE introspected the gateway: its status bar says so, and the operation editor completes from the schema.
        wait.Until(d => BodyText(d).Contains("Schema available", StringComparison.Ordinal));
        return wait;
    }

    /// <summary>Types an operation into the request editor (which closes brackets and quotes itself) and runs it.</summary>
    private static void TypeAndRun(ChromeDriver driver, WebDriverWait wait, string operation)
    {
        wait.Until(d => d.FindElements(By.CssSelector(".monaco-editor .view-lines")).FirstOrDefault(e => e.Displayed))!.Click();
        var editor = driver.SwitchTo().ActiveElement();
        editor.SendKeys(Keys.Control + "a");
        editor.SendKeys(Keys.Delete);
        editor.SendKeys(operation);
        Click(wait, "//button[normalize-space()='Run']");
    }

    private static void AssertAskedOnlyTheGateway(ChromeDriver driver, OutsideRequestTrap trap, string origin)
    {
        var trapped = trap.Requests.Where(line => !Chromium.IsOwnService(line)).ToList();
        Assert.True(trapped.Count == 0, "The IDE asked other hosts: " + string.Join(", ", trapped));
        var requested = Chromium.RequestedUrls(driver).ToList();
        // The log saw the page's own requests (its settings among them), so it sees every request the page makes.
        Assert.Contains(requested, url => url.StartsWith(origin + "/graphql", StringComparison.Ordinal) && url.EndsWith("/bcp-config.json", StringComparison.Ordinal));
        var outside = requested.Where(url => !IsOnGateway(url, origin)).ToList();
        Assert.True(outside.Count == 0, "The IDE asked other hosts than the gateway: " + string.Join(", ", outside));
    }

    /// <summary>Runs the browser part, keeping a screenshot as a test artifact whether it passes or fails.</summary>
    private async Task RunInBrowserAsync(ChromeDriver driver, string screenshot, Func<Task> steps)
    {
        try
        {
            await steps();
            Screenshot(driver, screenshot);
        }
        catch
        {
            Screenshot(driver, Path.GetFileNameWithoutExtension(screenshot) + "-failure.png");
            throw;
        }
    }

    // The editors render spaces as no-break spaces.
    private static string BodyText(IWebDriver driver) =>
        (((IJavaScriptExecutor)driver).ExecuteScript("return document.body.innerText") as string ?? string.Empty).Replace('\u00a0', ' ');

    private static void Click(WebDriverWait wait, string xpath) =>
        wait.Until(d => d.FindElements(By.XPath(xpath)).FirstOrDefault(e => e.Displayed && e.Enabled))!.Click();

    private static bool IsOnGateway(string url, string origin) =>
        url.StartsWith(origin + "/", StringComparison.Ordinal)
        || url.StartsWith("ws" + origin[4..] + "/", StringComparison.Ordinal)
        || url.StartsWith("data:", StringComparison.Ordinal)
        || url.StartsWith("blob:" + origin + "/", StringComparison.Ordinal);

    private void Screenshot(ChromeDriver driver, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
        output.WriteLine("Screenshot: " + path);
    }
}

/// <summary>Headless Chromium through chromedriver, both Debian's; records the URLs its pages request.</summary>
public static class Chromium
{
    private static readonly string[] BrowserPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private static readonly string[] DriverPaths = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];

    // What the browser process itself asks for whatever page it shows (its updater, the updater's clock, Google sign-in),
    // which no flag of Debian's Chromium turns off entirely; requests of pages and their workers never go there.
    private static readonly string[] OwnServiceHosts = ["update.googleapis.com", "clients2.google.com", "accounts.google.com"];

    public static string? Browser => BrowserPaths.FirstOrDefault(File.Exists);

    /// <summary>Whether a request line the trap recorded is the browser's own (<see cref="OwnServiceHosts"/>).</summary>
    public static bool IsOwnService(string requestLine)
    {
        var target = requestLine.Split(' ') is [_, var t, ..] ? t : string.Empty;
        var host = target.Contains("://", StringComparison.Ordinal) ? new Uri(target).Host : target.Split(':')[0];
        return OwnServiceHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    public static string? Driver => DriverPaths.FirstOrDefault(File.Exists);

    /// <summary>Starts the browser; everything it sends to hosts other than the loopback interface goes to <paramref name="trap"/>.</summary>
    public static ChromeDriver Start(OutsideRequestTrap trap)
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1440,900",
            // Nothing of Chromium's own may reach out either: no updates, sync, safe-browsing or metrics.
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-client-side-phishing-detection", "--metrics-recording-only", "--no-pings",
            "--disable-domain-reliability", "--disable-breakpad", "--disable-field-trial-config", "--no-service-autorun",
            "--disable-features=OptimizationHints,OptimizationGuideModelDownloading,OptimizationHintsFetching,AutofillServerCommunication,"
                + "MediaRouter,Translate,CertificateTransparencyComponentUpdater,SafeBrowsing,InterestFeedContentSuggestions,"
                + "AccountConsistency,DiceWebSigninInterception,PrivacySandboxSettings4,GoogleOneTapSignIn",
            // Chromium never sends loopback addresses through a proxy: the gateway is reached directly, anything else is trapped.
            "--proxy-server=http://127.0.0.1:" + trap.Port);
        options.SetLoggingPreference("performance", LogLevel.All);
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Every URL the browser's pages asked for so far (HTTP requests and WebSockets), from the performance log.</summary>
    public static IEnumerable<string> RequestedUrls(ChromeDriver driver)
    {
        foreach (var entry in driver.Manage().Logs.GetLog("performance"))
        {
            using var message = JsonDocument.Parse(entry.Message);
            var inner = message.RootElement.GetProperty("message");
            var method = inner.GetProperty("method").GetString();
            var parameters = inner.GetProperty("params");
            if (method == "Network.requestWillBeSent")
            {
                yield return parameters.GetProperty("request").GetProperty("url").GetString()!;
            }
            else if (method == "Network.webSocketCreated")
            {
                yield return parameters.GetProperty("url").GetString()!;
            }
        }
    }
}

/// <summary>Runs where Chromium and chromedriver are installed (<c>.ci/services</c> installs them); skipped, with the reason, elsewhere.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Browser is null || Chromium.Driver is null)
        {
            Skip = "Chromium is not installed here (apt-get install chromium chromium-driver, as .ci/services does).";
        }
    }
}

/// <summary>
/// A stand-in proxy on 127.0.0.1 that records the first line of every request sent to it (<c>CONNECT host:443</c>,
/// <c>GET http://host/…</c>) and refuses it with 403.
/// </summary>
public sealed class OutsideRequestTrap : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    private OutsideRequestTrap(TcpListener listener) => _listener = listener;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>What was asked of it: one request line per connection.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static OutsideRequestTrap Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var trap = new OutsideRequestTrap(listener);
        _ = trap.AcceptAsync();
        return trap;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RefuseAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var line = await reader.ReadLineAsync(_stop.Token);
                Requests.Enqueue(line ?? "(nothing)");
                await stream.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}

/// <summary>Records every request the gateway receives (method, path, WebSocket subprotocols), ahead of its own pipeline.</summary>
public sealed class GatewayRequestLog : IStartupFilter
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<Entry> Entries => _entries;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            var protocols = context.Request.Headers["Sec-WebSocket-Protocol"].ToString();
            _entries.Enqueue(new Entry(context.Request.Method, context.Request.Path.Value ?? string.Empty, protocols));
            return proceed(context);
        });
        next(app);
    };

    public sealed record Entry(string Method, string Path, string WebSocketProtocols);
}
