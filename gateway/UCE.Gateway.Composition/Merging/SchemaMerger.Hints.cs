using System.Text;
using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Merging;

/// <summary>Composition hints, worded as Apollo's merger words them so the two can be compared.</summary>
internal sealed partial class SchemaMerger
{
    /// <summary>
    /// Apollo's mismatch report: subgraphs grouped by the value they have, the group of the supergraph's value first
    /// (<paramref name="supergraphPrinter"/>), then the others (<paramref name="othersPrinter"/>) joined with " and ".
    /// </summary>
    private void MismatchHint(
        string code,
        string message,
        string supergraphValue,
        IEnumerable<(string Subgraph, string Value)> values,
        Func<string, string?, string> supergraphPrinter,
        Func<string, string, string> othersPrinter,
        bool endWithDot = true)
    {
        var groups = new List<(string Value, List<string> Subgraphs)>();
        foreach (var (subgraph, value) in values)
        {
            var group = groups.Find(g => g.Value == value);
            if (group.Subgraphs is null)
            {
                groups.Add((value, [subgraph]));
            }
            else
            {
                group.Subgraphs.Add(subgraph);
            }
        }

        var like = groups.Find(g => g.Value == supergraphValue).Subgraphs;
        var others = groups.Where(g => g.Value != supergraphValue).Select(g => othersPrinter(g.Value, PrintSubgraphNames(g.Subgraphs))).ToList();
        var text = message + supergraphPrinter(supergraphValue, like is null ? null : PrintSubgraphNames(like)) + JoinStrings(others, " and ", " and ");
        hints.Add(new CompositionHint(code, endWithDot ? text + "." : text));
    }

    /// <summary>Apollo's printSubgraphNames: <c>subgraph "a"</c>, <c>subgraphs "a", "b" and "c"</c>, cut with ", ..." past 100 characters.</summary>
    private static string PrintSubgraphNames(List<string> names)
    {
        var quoted = names.Select(n => $"\"{n}\"").ToList();
        if (quoted.Count == 1)
        {
            return "subgraph " + quoted[0];
        }

        var length = 0;
        var shown = 0;
        foreach (var name in quoted)
        {
            length += name.Length;
            if (length <= 100)
            {
                shown++;
            }
        }

        var display = quoted.Take(Math.Max(1, shown)).ToList();
        return display.Count == quoted.Count
            ? "subgraphs " + JoinStrings(display, ", ", " and ")
            : "subgraphs " + JoinStrings(display, ", ", ", ") + ", ...";
    }

    private static string JoinStrings(List<string> parts, string separator, string lastSeparator)
    {
        if (parts.Count <= 1)
        {
            return parts.Count == 0 ? "" : parts[0];
        }

        return string.Join(separator, parts.Take(parts.Count - 1)) + lastSeparator + parts[^1];
    }

    /// <summary>
    /// The description the supergraph takes (Apollo's rule: the only one, else the only non-empty one, else the most
    /// common, first seen on ties), with an INCONSISTENT_DESCRIPTION hint when subgraphs disagree.
    /// </summary>
    private string? MergeDescription(string? coordinate, IEnumerable<(string Subgraph, string? Description)> sources)
    {
        var present = sources.Where(s => s.Description is not null).Select(s => (s.Subgraph, Description: s.Description!)).ToList();
        var distinct = present.Select(p => p.Description).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return null;
        }

        var nonEmpty = distinct.Where(d => d.Length > 0).ToList();
        if (distinct.Count == 1 || nonEmpty.Count == 1)
        {
            return distinct.Count == 1 ? distinct[0] : nonEmpty[0];
        }

        var chosen = distinct[0];
        var best = int.MinValue;
        foreach (var description in distinct)
        {
            var count = description.Length == 0 ? int.MinValue : present.Count(p => p.Description == description);
            if (count > best)
            {
                best = count;
                chosen = description;
            }
        }

        MismatchHint(
            HintCodes.InconsistentDescription,
            (coordinate is null ? "The schema definition" : $"Element \"{coordinate}\"") + " has inconsistent descriptions across subgraphs. ",
            chosen,
            present,
            (d, names) => $"The supergraph will use description (from {names}):\n{DescriptionString(d)}",
            (d, names) => $"\nIn {names}, the description is:\n{DescriptionString(d)}",
            endWithDot: false);
        return chosen;
    }

    /// <summary>Apollo indents only the first line break (JavaScript's string replace).</summary>
    private static string DescriptionString(string description)
    {
        var newline = description.IndexOf('\n', StringComparison.Ordinal);
        var indented = newline < 0 ? description : description[..newline] + "\n  " + description[(newline + 1)..];
        return new StringBuilder("  \"\"\"\n  ").Append(indented).Append("\n  \"\"\"").ToString();
    }

    /// <summary>A field or argument whose type differs across subgraphs in a compatible way (the supergraph takes the widest or narrowest).</summary>
    private void CompatibleTypeHint(string code, string kind, string coordinate, TypeReference merged, string relation, IEnumerable<(string Subgraph, TypeReference Type)> types)
    {
        var printed = types.Select(t => (t.Subgraph, t.Type.ToString())).ToList();
        if (printed.TrueForAll(p => p.Item2 == merged.ToString()))
        {
            return;
        }

        MismatchHint(
            code,
            $"Type of {kind} \"{coordinate}\" is inconsistent but compatible across subgraphs: ",
            merged.ToString(),
            printed,
            (t, names) => $"will use type \"{t}\" (from {names ?? "undefined"}) in supergraph but \"{coordinate}\" has ",
            (t, names) => $"{relation} \"{t}\" in {names}");
    }

    /// <summary>What Apollo says about an @override: its source does not exist or no longer needs it, or the overridden field can go.</summary>
    private void OverrideHint(string coordinate, SubgraphSchema subgraph, SubgraphField field, (SubgraphSchema Subgraph, SubgraphType Type, SubgraphField Field) source)
    {
        var from = field.OverrideFrom!;
        if (!subgraphs.Exists(s => s.Name == from))
        {
            var suggestions = subgraphs.Select(s => s.Name)
                .Select(n => (Name: n, Distance: string.Equals(n, from, StringComparison.OrdinalIgnoreCase) ? 1 : Levenshtein(from, n)))
                .Where(c => c.Distance <= (from.Length * 2 / 5) + 1)
                .OrderBy(c => c.Distance).ThenBy(c => c.Name, Printing.NameOrder.Instance)
                .Select(c => $"\"{c.Name}\"")
                .ToList();
            var didYouMean = suggestions.Count switch
            {
                0 => "",
                1 => $" Did you mean {suggestions[0]}?",
                2 => $" Did you mean {suggestions[0]} or {suggestions[1]}?",
                _ => $" Did you mean {string.Join(", ", suggestions.Take(Math.Min(5, suggestions.Count) - 1))}, or {suggestions[Math.Min(5, suggestions.Count) - 1]}?",
            };
            hints.Add(new CompositionHint(HintCodes.FromSubgraphDoesNotExist, $"Source subgraph \"{from}\" for field \"{coordinate}\" on subgraph \"{subgraph.Name}\" does not exist.{didYouMean}"));
        }
        else if (source.Field is null)
        {
            hints.Add(new CompositionHint(HintCodes.OverrideDirectiveCanBeRemoved, $"Field \"{coordinate}\" on subgraph \"{subgraph.Name}\" no longer exists in the from subgraph. The @override directive can be removed."));
        }
        else if (source.Field.External)
        {
            hints.Add(new CompositionHint(HintCodes.OverrideDirectiveCanBeRemoved, $"Field \"{coordinate}\" on subgraph \"{subgraph.Name}\" is not resolved anymore by the from subgraph (it is marked \"@external\" in \"{from}\"). The @override directive can be removed."));
        }
        else
        {
            var used = IsUsedInSubgraph(source.Subgraph, source.Type, source.Field);
            var message = (field.OverrideLabel is null, used) switch
            {
                (true, true) => $"Field \"{coordinate}\" on subgraph \"{from}\" is overridden. It is still used in some federation directive(s) (@key, @requires, and/or @provides) and/or to satisfy interface constraint(s), but consider marking it @external explicitly or removing it along with its references.",
                (true, false) => $"Field \"{coordinate}\" on subgraph \"{from}\" is overridden. Consider removing it.",
                (false, true) => $"Field \"{coordinate}\" on subgraph \"{from}\" is currently being migrated via progressive @override. It is still used in some federation directive(s) (@key, @requires, and/or @provides) and/or to satisfy interface constraint(s). Once the migration is complete, consider marking it @external explicitly or removing it along with its references.",
                (false, false) => $"Field \"{coordinate}\" is currently being migrated with progressive @override. Once the migration is complete, remove the field from subgraph \"{from}\".",
            };
            hints.Add(new CompositionHint(field.OverrideLabel is null ? HintCodes.OverriddenFieldCanBeRemoved : HintCodes.OverrideMigrationInProgress, message));
        }
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private void MergedDirectiveHint(string directive, string coordinate, string strategies) =>
        hints.Add(new CompositionHint(
            HintCodes.MergedNonRepeatableDirectiveArguments,
            $"Directive @{directive} is applied to \"{coordinate}\" in multiple subgraphs with different arguments. Merging strategies used by arguments: {strategies}"));

    /// <summary>A "defined in X but not in Y" hint over the subgraphs that define the parent element.</summary>
    private void PresenceHint(string code, string message, string what, IEnumerable<(string Subgraph, bool Has)> presence) =>
        MismatchHint(
            code,
            message,
            "yes",
            presence.Select(p => (p.Subgraph, p.Has ? "yes" : "no")),
            (_, names) => $"{what} is defined in {names}",
            (_, names) => $" but not in {names}");
}
