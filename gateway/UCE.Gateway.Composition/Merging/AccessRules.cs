using System.Text;
using GraphQLParser.AST;
using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Merging;

/// <summary>
/// The access-control directives (<c>@authenticated</c>, <c>@requiresScopes</c>, <c>@policy</c>) as printed applications:
/// how several applications of one directive combine (Apollo's <c>DNF_CONJUNCTION</c> strategy) and what one requires.
/// </summary>
internal static class AccessRules
{
    public const string Authenticated = "@authenticated";
    public const string ScopesPrefix = "@requiresScopes(scopes: ";
    public const string PoliciesPrefix = "@policy(policies: ";

    /// <summary>The access directives in the order Apollo records them for merging.</summary>
    public static readonly string[] Kinds = [Authenticated, ScopesPrefix, PoliciesPrefix];

    public static bool IsAccessDirective(string printed) => KindOf(printed) is not null;

    /// <summary>The kind (<see cref="Authenticated"/>, <see cref="ScopesPrefix"/> or <see cref="PoliciesPrefix"/>) of a printed application.</summary>
    public static string? KindOf(string printed) =>
        printed == Authenticated ? Authenticated
        : printed.StartsWith(ScopesPrefix, StringComparison.Ordinal) ? ScopesPrefix
        : printed.StartsWith(PoliciesPrefix, StringComparison.Ordinal) ? PoliciesPrefix
        : null;

    /// <summary>
    /// Merges applications of one access directive found on several sources, as Apollo's non-repeatable directive merge
    /// does: identical applications count once; one distinct application is kept as written; several are combined so
    /// that all must hold, in disjunctive normal form.
    /// </summary>
    public static string Merge(string kind, IEnumerable<string> applications)
    {
        var distinct = applications.Distinct(StringComparer.Ordinal).ToList();
        if (kind == Authenticated || distinct.Count == 1)
        {
            return distinct[0];
        }

        var combined = DnfConjunction(distinct.Select(d => Alternatives(d[kind.Length..^1])).ToList());
        return kind + Print(combined) + ")";
    }

    /// <summary>The alternatives (outer OR) of scope or policy sets (inner AND) written in a printed application.</summary>
    public static List<List<string>> Alternatives(string printedValue)
    {
        var document = GraphQLParser.Parser.Parse("{ f(a: " + printedValue + ") }");
        var operation = (GraphQLOperationDefinition)document.Definitions[0];
        var field = (GraphQLField)operation.SelectionSet.Selections[0];
        var value = (GraphQLListValue)field.Arguments!.Items[0].Value;
        return (value.Values ?? []).OfType<GraphQLListValue>()
            .Select(l => (l.Values ?? []).OfType<GraphQLStringValue>().Select(v => v.Value.ToString()).ToList())
            .ToList();
    }

    public static string Print(List<List<string>> alternatives) =>
        "[" + string.Join(", ", alternatives.Select(a => "[" + string.Join(", ", a.Select(ValuePrinter.Quote)) + "]")) + "]";

    /// <summary>
    /// The conjunction of DNF conditions with Apollo's normalization: each condition's sets sorted, then the
    /// condition's sets sorted by their JSON text; duplicate conditions dropped; cartesian product of the rest, each
    /// product set deduplicated and sorted; sets that contain another set dropped (shorter sets first, stable).
    /// An empty condition (<c>[]</c>) means "always", like <c>[[]]</c>.
    /// </summary>
    public static List<List<string>> DnfConjunction(List<List<List<string>>> values)
    {
        var filtered = new List<List<List<string>>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var original in values)
        {
            var value = original.Count == 0 ? [[]] : original.Select(inner => inner.Order(StringComparer.Ordinal).ToList()).ToList();
            value.Sort((left, right) => string.CompareOrdinal(Json(left), Json(right)));
            if (seen.Add(string.Join(",", value.Select(Json))))
            {
                filtered.Add(value);
            }
        }

        var result = filtered[0];
        for (var i = 1; i < filtered.Count; i++)
        {
            var accumulator = new List<List<string>>();
            var products = new HashSet<string>(StringComparer.Ordinal);
            foreach (var left in result)
            {
                foreach (var right in filtered[i])
                {
                    var candidate = left.Concat(right.Where(e => !left.Contains(e))).Order(StringComparer.Ordinal).ToList();
                    if (products.Add(Json(candidate)))
                    {
                        accumulator.Add(candidate);
                    }
                }
            }

            result = [];
            foreach (var candidate in accumulator.OrderBy(c => c.Count))
            {
                if (!result.Exists(kept => kept.TrueForAll(candidate.Contains)))
                {
                    result.Add(candidate);
                }
            }
        }

        return result;
    }

    /// <summary>JavaScript's <c>JSON.stringify</c> of a list of strings, which Apollo sorts by.</summary>
    private static string Json(List<string> values)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < values.Count; i++)
        {
            builder.Append(i == 0 ? "\"" : ",\"");
            foreach (var c in values[i])
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                    default: builder.Append(c); break;
                }
            }

            builder.Append('"');
        }

        return builder.Append(']').ToString();
    }
}

/// <summary>
/// What an element requires (Apollo's <c>AuthRequirementsOnElement</c>): authentication, and scope and policy
/// conditions in DNF; used to check that a field with <c>@requires</c> asks at least what the data it reads asks.
/// </summary>
internal sealed class AccessRequirement
{
    public bool Authenticated { get; private init; }

    public List<List<string>>? Scopes { get; private init; }

    public List<List<string>>? Policies { get; private init; }

    public static AccessRequirement? From(IEnumerable<string> directives)
    {
        var authenticated = false;
        List<List<string>>? scopes = null;
        List<List<string>>? policies = null;
        foreach (var directive in directives)
        {
            switch (AccessRules.KindOf(directive))
            {
                case AccessRules.Authenticated: authenticated = true; break;
                case AccessRules.ScopesPrefix: scopes = AccessRules.Alternatives(directive[AccessRules.ScopesPrefix.Length..^1]); break;
                case AccessRules.PoliciesPrefix: policies = AccessRules.Alternatives(directive[AccessRules.PoliciesPrefix.Length..^1]); break;
            }
        }

        return authenticated || scopes is not null || policies is not null
            ? new AccessRequirement { Authenticated = authenticated, Scopes = scopes, Policies = policies }
            : null;
    }

    /// <summary>A type's and a field's requirements together: both must hold.</summary>
    public static AccessRequirement Combine(AccessRequirement? type, AccessRequirement? field) => new()
    {
        Authenticated = (type?.Authenticated ?? false) || (field?.Authenticated ?? false),
        Scopes = Conjunction(type?.Scopes, field?.Scopes),
        Policies = Conjunction(type?.Policies, field?.Policies),
    };

    /// <summary>True when meeting this requirement always meets <paramref name="other"/>.</summary>
    public bool Implies(AccessRequirement? other) =>
        other is null
        || ((Authenticated || !other.Authenticated) && Implies(Scopes, other.Scopes) && Implies(Policies, other.Policies));

    private static List<List<string>>? Conjunction(List<List<string>>? first, List<List<string>>? second) =>
        first is null ? second : second is null ? first : AccessRules.DnfConjunction([first, second]);

    private static bool Implies(List<List<string>>? first, List<List<string>>? second)
    {
        var left = first is null || first.Count == 0 ? [[]] : first;
        var right = second is null || second.Count == 0 ? [[]] : second;
        return left.TrueForAll(l => right.Exists(r => r.TrueForAll(l.Contains)));
    }
}
