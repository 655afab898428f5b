using System.Globalization;
using System.Text.Json;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace UCE.Bench;

/// <summary>
/// <c>heap</c>: counts a .NET server's live objects by type. Induces a full collection, writes a heap dump over the
/// diagnostics port, reads it and prints, per type, the objects and bytes reachable from the roots. With
/// <c>--baseline</c> (an earlier census) and <c>--per N</c> it prints the growth per connection or subscription instead:
/// what each one costs, by type.
/// </summary>
public static class HeapCensus
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(BenchArguments arguments)
    {
        var pid = int.Parse(arguments.Required("pid"), CultureInfo.InvariantCulture);
        var top = arguments.Int("top", 40);
        var census = Take(pid);
        if (arguments.Optional("out") is { } output)
        {
            File.WriteAllText(output, JsonSerializer.Serialize(census, Indented));
        }

        if (arguments.Optional("baseline") is { } baselineFile)
        {
            var baseline = JsonSerializer.Deserialize<Dictionary<string, TypeCount>>(File.ReadAllText(baselineFile))!;
            Console.Write(Growth(baseline, census, Math.Max(1, arguments.Int("per", 1)), top));
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live: {census.Values.Sum(c => c.Bytes)} bytes in {census.Values.Sum(c => c.Count)} objects"));
            foreach (var (type, count) in census.OrderByDescending(c => c.Value.Bytes).Take(top))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count.Bytes,12}  {count.Count,9}  {type}"));
            }
        }

        return 0;
    }

    /// <summary>Induces a full collection in <paramref name="pid"/>, dumps its heap and counts the live objects by type.</summary>
    public static Dictionary<string, TypeCount> Take(int pid)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"uce-bench-heap-{pid}-{Environment.ProcessId}.dmp");
        ServerMemory.CollectAndMeasure(pid, TimeSpan.FromSeconds(30));
        try
        {
            new DiagnosticsClient(pid).WriteDump(DumpType.WithHeap, dump, logDumpGeneration: false);
            return Count(dump);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    /// <summary>The live bytes and objects added from <paramref name="before"/> to <paramref name="after"/>, per unit, by type (largest first).</summary>
    public static string Growth(IReadOnlyDictionary<string, TypeCount> before, IReadOnlyDictionary<string, TypeCount> after, int per, int top)
    {
        var growth = after
            .Select(pair => (Type: pair.Key, Count: pair.Value.Count - (before.GetValueOrDefault(pair.Key)?.Count ?? 0), Bytes: pair.Value.Bytes - (before.GetValueOrDefault(pair.Key)?.Bytes ?? 0)))
            .Where(g => g.Bytes > 0)
            .OrderByDescending(g => g.Bytes)
            .ToList();
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"live growth: {growth.Sum(g => g.Bytes) / (double)per:F0} bytes per unit over {per} units (types that grew)\n");
        text.Append("bytes/unit  objects/unit  type\n");
        foreach (var (type, count, bytes) in growth.Take(top))
        {
            text.Append(CultureInfo.InvariantCulture, $"{bytes / (double)per,10:F0}  {count / (double)per,12:F2}  {type}\n");
        }

        return text.ToString();
    }

    /// <summary>Objects reachable from the dump's roots, by type name.</summary>
    private static Dictionary<string, TypeCount> Count(string dump)
    {
        using var target = DataTarget.LoadDump(dump);
        // The runtime's data access library sits beside the runtime the server ran on this machine; a Linux dump does not
        // carry the runtime's version for ClrMD to check it against, so the check is skipped.
        var clr = target.ClrVersions[0];
        var dac = Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName) ?? "", "libmscordaccore.so");
        using var runtime = File.Exists(dac) ? clr.CreateRuntime(dac, ignoreMismatch: true) : clr.CreateRuntime();
        var heap = runtime.Heap;
        var seen = new HashSet<ulong>();
        var pending = new Stack<ulong>();
        foreach (var root in heap.EnumerateRoots())
        {
            pending.Push(root.Object.Address);
        }

        var census = new Dictionary<string, TypeCount>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var address = pending.Pop();
            if (address == 0 || !seen.Add(address))
            {
                continue;
            }

            var value = heap.GetObject(address);
            if (!value.IsValid || value.Type is null)
            {
                continue;
            }

            var name = value.Type.Name ?? "?";
            if (!census.TryGetValue(name, out var count))
            {
                census[name] = count = new TypeCount();
            }

            count.Count++;
            count.Bytes += (long)value.Size;
            foreach (var reference in value.EnumerateReferenceAddresses(carefully: true))
            {
                pending.Push(reference);
            }
        }

        return census;
    }
}

/// <summary>Objects of one type and their bytes.</summary>
public sealed class TypeCount
{
    public long Count { get; set; }

    public long Bytes { get; set; }
}
