using System.Text.Json;
using System.Text.RegularExpressions;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>What the hostile tests share: the customer who attacks, the one attacked, and the checks of a refusal.</summary>
internal static partial class Hostile
{
    /// <summary>The customer who signs in and tries to reach someone else's data.</summary>
    public const string Attacker = "cus-000001";

    /// <summary>The customer whose data is tried; every id of theirs in the demo set carries this number.</summary>
    public const string Victim = "cus-000002";

    /// <summary>The number every id of the victim carries (<c>cus-000002</c>, <c>acc-000002-r</c>, <c>loc-000002</c>, <c>MTR-00000002</c>, <c>1000000002</c>).</summary>
    public const string VictimNumber = "000002";

    /// <summary>The members of the subgraph's <c>_Entity</c> union, read from the SDL it serves.</summary>
    public static async Task<IReadOnlyList<string>> EntityTypesAsync(GraphQLClient client)
    {
        var sdl = (await client.PostAsync("{ _service { sdl } }")).EnsureNoErrors().At("_service", "sdl").GetString()!;
        var union = EntityUnion().Match(sdl);
        Assert.True(union.Success, "The SDL declares no _Entity union.");
        return union.Groups[1].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// The response refused the field at <paramref name="path"/>: one FORBIDDEN error there, the value null, and no id of
    /// the victim anywhere in the body.
    /// </summary>
    public static void AssertRefused(GraphQLResponse response, params object[] path)
    {
        var errors = Errors(response);
        var expected = string.Join('/', path);
        Assert.Contains(errors, error => error.Code == "FORBIDDEN" && error.Path == expected);
        Assert.All(errors.Where(error => error.Path == expected), error => Assert.Equal("FORBIDDEN", error.Code));
        Assert.True(IsNullAt(response, path), $"Expected null at {expected}: {response.Body}");
        Assert.DoesNotContain(VictimNumber, response.Body, StringComparison.Ordinal);
    }

    /// <summary>Every error of the response is FORBIDDEN.</summary>
    public static void AssertOnlyRefusals(GraphQLResponse response) =>
        Assert.All(Errors(response), error => Assert.Equal("FORBIDDEN", error.Code));

    /// <summary>The errors with their code and path (<c>_entities/1/accounts</c>).</summary>
    public static IReadOnlyList<(string? Code, string Path)> Errors(GraphQLResponse response) =>
        response.Json.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(error => (
                error.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code) ? code.GetString() : null,
                error.TryGetProperty("path", out var path) ? string.Join('/', path.EnumerateArray().Select(step => step.ValueKind == JsonValueKind.Number ? step.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : step.GetString())) : "")).ToList()
            : [];

    private static bool IsNullAt(GraphQLResponse response, object[] path)
    {
        if (!response.Json.TryGetProperty("data", out var current) || current.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        foreach (var step in path)
        {
            if (current.ValueKind == JsonValueKind.Null)
            {
                return true;
            }

            current = step switch
            {
                string name => current.GetProperty(name),
                int index => current[index],
                _ => throw new ArgumentException("Path steps are names or indexes.", nameof(path)),
            };
        }

        return current.ValueKind == JsonValueKind.Null;
    }

    [GeneratedRegex(@"union _Entity = ([^\n]+)")]
    private static partial Regex EntityUnion();
}
