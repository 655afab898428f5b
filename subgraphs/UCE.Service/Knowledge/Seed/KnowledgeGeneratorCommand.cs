using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting;

namespace UCE.Service.Knowledge.Seed;

/// <summary>
/// <c>--knowledge-articles N</c>: prepares the database as a start does (schema, the demo set when empty), adds N
/// generated published articles (<see cref="KnowledgeArticleGenerator"/>, ids after the generated ones already there)
/// and exits. For load and benchmark runs of knowledge search.
/// </summary>
public static class KnowledgeGeneratorCommand
{
    public const string Option = "--knowledge-articles";

    private const int ChunkSize = 1_000;

    /// <summary>Runs the command when <paramref name="args"/> name it; null otherwise.</summary>
    public static async Task<int?> TryRunAsync(SubgraphModule module, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var index = Array.IndexOf(args, Option);
        if (index < 0)
        {
            return null;
        }

        if (index + 1 >= args.Length || !int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            await Console.Error.WriteLineAsync($"{Option} takes a positive number of articles.").ConfigureAwait(false);
            return 2;
        }

        await using var app = SubgraphHost.Build(module, new SubgraphHostOptions { Port = 0, Arguments = args, EnableTracing = false });
        await app.StartAsync().ConfigureAwait(false);
        try
        {
            var contexts = app.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
            var clock = app.Services.GetRequiredService<TimeProvider>();
            var watch = Stopwatch.StartNew();
            int existing;
            await using (var db = await contexts.CreateDbContextAsync().ConfigureAwait(false))
            {
                existing = await db.Set<KnowledgeArticle>().CountAsync(a => a.Id.StartsWith("kbg-")).ConfigureAwait(false);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            for (var done = 0; done < count; done += ChunkSize)
            {
                await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.AddRange(KnowledgeArticleGenerator.Generate(Math.Min(ChunkSize, count - done), now, existing + done + 1));
                await db.SaveChangesAsync().ConfigureAwait(false);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{module.Name}: {count:N0} knowledge articles in {watch.Elapsed.TotalSeconds:F1} s ({count / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0} articles/s)"));
            return 0;
        }
        finally
        {
            await app.StopAsync().ConfigureAwait(false);
        }
    }
}
