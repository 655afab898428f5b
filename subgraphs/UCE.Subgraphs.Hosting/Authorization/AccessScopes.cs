namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>The scopes partners and services are granted (<c>X-UCE-Scopes</c>), in one place.</summary>
public static class AccessScopes
{
    /// <summary>Partners: active outages by area, as anonymous callers see them, plus the feeder names.</summary>
    public const string OutagesRead = "outages:read";

    /// <summary>Partners: the product catalogue.</summary>
    public const string ProductsRead = "products:read";

    /// <summary>Partners: published public knowledge articles and their search (a chatbot, a partner's help centre).</summary>
    public const string KnowledgeRead = "knowledge:read";

    /// <summary>Partners: usage of the customers who consented to the partner's client id.</summary>
    public const string UsageRead = "usage:read";

    /// <summary>Services: <c>sendNotification</c> and reading message templates.</summary>
    public const string NotificationsSend = "notifications:send";

    /// <summary>Services: <c>updateOutageStatus</c> (the grid worker), and reading the outages it moves.</summary>
    public const string OutagesWrite = "outages:write";

    /// <summary>Services: <c>recordMeterReadings</c> (the meter data system delivering daily reads).</summary>
    public const string UsageWrite = "usage:write";
}
