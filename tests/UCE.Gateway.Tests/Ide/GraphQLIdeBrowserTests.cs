using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace UCE.Gateway.Tests.Ide;

/// <summary>
/// Banana Cake Pop in headless Chromium (Debian's <c>chromium</c> and <c>chromium-driver</c>) against the gateway over the
/// UCE subgraphs: it loads the schema, runs a query and shows the result, and asks nothing of any host but the gateway.
/// </summary>
public sealed class GraphQLIdeBrowserTests(UceSubgraphsFixture subgraphs, ITestOutputHelper output) : IClassFixture<UceSubgraphsFixture>
{
    [ChromiumFact]
    public async Task Banana_cake_pop_loads_the_schema_runs_a_query_and_asks_only_the_gateway()
    {
        Assert.True(GraphQLIdeBuild.IsBuilt, "Banana Cake Pop is not in the build output: build the gateway with npm installed.");
        await using var gateway = await subgraphs.StartGatewayAsync(
            new Dictionary<string, string?> { ["Gateway:Ide:Enabled"] = "true", ["Gateway:Introspection"] = "true" },
            overSockets: true);
        var origin = gateway.Address!.GetLeftPart(UriPartial.Authority);
        using var products = await gateway.Client.SendAsync(GraphQLHttp.PostQuery("{ products { name } }"));
        var productName = (await products.ReadJsonAsync())["data"]!["products"]![0]!["name"]!.GetValue<string>();

        using var driver = Chromium.Start();
        try
        {
            driver.Navigate().GoToUrl(origin + "/graphql");
            var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(60)) { PollingInterval = TimeSpan.FromMilliseconds(250) };

            Click(wait, "//button[normalize-space()='Create Document']");

            // The IDE introspected the gateway: its status bar says so, and the operation editor completes from the schema.
            wait.Until(d => BodyText(d).Contains("Schema available", StringComparison.Ordinal));
            wait.Until(d => d.FindElements(By.CssSelector(".monaco-editor .view-lines")).FirstOrDefault(e => e.Displayed))!.Click();
            var editor = driver.SwitchTo().ActiveElement();
            editor.SendKeys(Keys.Control + "a");
            editor.SendKeys(Keys.Delete);
            editor.SendKeys("{ products { name");
            Click(wait, "//button[normalize-space()='Run']");

            wait.Until(d => BodyText(d).Contains(productName, StringComparison.Ordinal));
            Screenshot(driver, "graphql-ide.png");

            var requested = Chromium.RequestedUrls(driver).ToList();
            // The log saw the page's own requests (its settings, and the operations on /graphql), so it sees every request.
            Assert.Contains(origin + "/graphql/bcp-config.json", requested);
            Assert.Contains(origin + "/graphql", requested);
            var outside = requested.Where(url => !IsOnGateway(url, origin)).ToList();
            Assert.True(outside.Count == 0, "The IDE asked other hosts than the gateway: " + string.Join(", ", outside));
        }
        catch
        {
            Screenshot(driver, "graphql-ide-failure.png");
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

    private void Screenshot(IWebDriver driver, string name)
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

    public static string? Browser => BrowserPaths.FirstOrDefault(File.Exists);

    public static string? Driver => DriverPaths.FirstOrDefault(File.Exists);

    public static ChromeDriver Start()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1440,900",
            // Nothing of Chromium's own may reach out either: no updates, sync, safe-browsing or metrics.
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-client-side-phishing-detection", "--metrics-recording-only");
        options.SetLoggingPreference("performance", LogLevel.All);
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Every URL the browser's pages asked for so far (HTTP requests and WebSockets), from the performance log.</summary>
    public static IEnumerable<string> RequestedUrls(IWebDriver driver)
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
