using UCE.Gateway.Composition;
using UCE.Gateway.Engine;
using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Persisted;

/// <summary>
/// <c>compose</c>'s check that a new composition breaks no trusted document: every manifest under the manifest folder, and
/// every manifest in the store when one is given, is checked against the new API schema; whatever would be refused is
/// listed with its client, document and reason.
/// </summary>
public sealed class PersistedComposeCheck(string? directory, IPersistedDocumentStore? store, OperationLimits limits) : IComposedSupergraphCheck
{
    public async Task<bool> CheckAsync(string supergraphSdl, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var manifests = new List<(string Source, string Client, IReadOnlyList<PersistedDocument> Documents)>();
        var unreadable = new List<string>();
        foreach (var (client, file) in PersistedManifestDirectory.Files(directory).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var (manifest, problems) = PersistedManifest.Read(await File.ReadAllTextAsync(file.FullName).ConfigureAwait(false));
            if (manifest is null)
            {
                unreadable.AddRange(problems.Select(problem => $"{file.FullName}: {problem}"));
                continue;
            }

            manifests.Add((file.FullName, client, manifest.Documents));
        }

        if (store is not null)
        {
            foreach (var client in await store.ClientsAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (await store.GetAsync(client, CancellationToken.None).ConfigureAwait(false) is { } stored)
                {
                    manifests.Add(($"store version {stored.Version}", client, stored.Documents));
                }
            }
        }

        var check = new PersistedManifestCheck(new DocumentChecker(SupergraphSchema.Parse(supergraphSdl), limits));
        var broken = new List<string>(unreadable);
        var documents = 0;
        foreach (var (source, client, list) in manifests)
        {
            documents += list.Count;
            broken.AddRange((await check.CheckAsync(list).ConfigureAwait(false)).Select(problem => $"client {client} ({source}): {problem}"));
        }

        if (broken.Count == 0)
        {
            await stdout.WriteLineAsync($"trusted documents: all {documents} of {manifests.Count} manifests stay valid").ConfigureAwait(false);
            return true;
        }

        await stderr.WriteLineAsync($"trusted documents: {broken.Count} problem(s); the new composition would break these documents:").ConfigureAwait(false);
        foreach (var line in broken)
        {
            await stderr.WriteLineAsync("  " + line).ConfigureAwait(false);
        }

        return false;
    }
}
